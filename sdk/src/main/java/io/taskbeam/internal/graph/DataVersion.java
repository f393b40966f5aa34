package io.taskbeam.internal.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One version of a datum: its name, the pending task that computes it (or null when it exists: a
 * program value, or a result of an earlier sync point), and the pending tasks that read it. Where
 * the value is, is not the graph's business: the session's data store holds it by {@link #key()}.
 */
public final class DataVersion {
  private final long datum;
  private final int version;
  private TaskNode producer;
  private final List<TaskNode> readers = new ArrayList<>(2);

  /**
   * The key, kept while a pending task produces or reads this version (compiling and running a job
   * asks it many times; 12% of the driver's time for 100,000 tiny tasks went into building it
   * again); dropped when the version settles, so that a version a future keeps costs no string.
   */
  private String key;

  /** Its content identity for checkpoints ({@code Identities}), or null: none, or not named. */
  private byte[] identity;

  DataVersion(long datum, int version) {
    this.datum = datum;
    this.version = version;
  }

  /** {@code d12v3}: names the version in plans, routing tables, the data store and files. */
  public String key() {
    String k = key;
    if (k == null) {
      k = "d" + datum + "v" + version;
      if (producer != null || !readers.isEmpty()) {
        key = k;
      }
    }
    return k;
  }

  /** The content identity checkpoints gave this version, or null. */
  public byte[] identity() {
    return identity;
  }

  /** Gives this version its content identity (checkpoints only). */
  public void identify(byte[] identity) {
    this.identity = identity;
  }

  public long datum() {
    return datum;
  }

  public int version() {
    return version;
  }

  /** The pending task that will compute this version, or null. */
  public TaskNode producer() {
    return producer;
  }

  /** Pending tasks that read this version, in submission order. */
  public List<TaskNode> readers() {
    return readers;
  }

  void producedBy(TaskNode task) {
    this.producer = task;
  }

  void addReader(TaskNode task) {
    readers.add(task);
  }

  /** A pending task that read this version was cancelled. */
  void removeReader(TaskNode task) {
    readers.remove(task);
    dropKeyIfSettled();
  }

  /** The task computing this version was cancelled: it will not be computed. */
  void unproduce() {
    this.producer = null;
    dropKeyIfSettled();
  }

  /** The tasks {@code gone} left the pending graph: they no longer produce or read this version. */
  void settleFor(Set<TaskNode> gone) {
    if (producer != null && gone.contains(producer)) {
      producer = null;
    }
    readers.removeIf(gone::contains);
    dropKeyIfSettled();
  }

  private void dropKeyIfSettled() {
    if (producer == null && readers.isEmpty()) {
      key = null;
    }
  }

  /** The sync point ran (or failed): no pending task produces or reads this version now. */
  void settle() {
    this.producer = null;
    readers.clear();
    key = null;
  }

  @Override
  public String toString() {
    return key();
  }
}
