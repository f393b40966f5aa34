package io.taskbeam.internal.graph;

import io.taskbeam.internal.data.StoredRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a datum. Its value is in exactly one of three places: still to be computed by
 * {@link #producer()} (a pending task), in the driver as encoded bytes (a value the program
 * passed in), or stored in the work directory by an earlier sync point.
 */
public final class DataVersion {
  private final long datum;
  private final int version;
  private TaskNode producer;
  private byte[] encoded;
  private StoredRef stored;
  private String lostReason;
  private final List<TaskNode> readers = new ArrayList<>();

  private String key;

  DataVersion(long datum, int version) {
    this.datum = datum;
    this.version = version;
  }

  /** {@code d12v3}: names the version in plans, routing tables and file names. */
  public String key() {
    String k = key;
    if (k == null) {
      k = "d" + datum + "v" + version;
      key = k;
    }
    return k;
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

  /** The program-supplied value's encoding, or null. */
  public byte[] encoded() {
    return encoded;
  }

  /** Where an earlier sync point stored this version, or null. */
  public StoredRef stored() {
    return stored;
  }

  /** Pending tasks that read this version, in submission order. */
  public List<TaskNode> readers() {
    return readers;
  }

  void producedBy(TaskNode task) {
    this.producer = task;
  }

  void supplied(byte[] bytes) {
    this.encoded = bytes;
  }

  void addReader(TaskNode task) {
    readers.add(task);
  }

  /** Records that a sync point computed and stored this version. */
  public void markStored(StoredRef ref) {
    this.stored = ref;
    this.producer = null;
    this.encoded = null;
    readers.clear();
  }

  /** Records that this version will never exist, because its sync point failed. */
  public void markLost(String reason) {
    this.lostReason = reason;
    this.producer = null;
    readers.clear();
  }

  /** Why this version will never exist, or null. */
  public String lostReason() {
    return lostReason;
  }

  /** Forgets the pending readers once they ran. */
  void clearReaders() {
    readers.clear();
  }

  @Override
  public String toString() {
    return key();
  }
}
