package io.taskbeam.internal.data;

import java.util.HashMap;
import java.util.Map;

/**
 * The driver's values, keyed by version ({@code d12v3}): the encoding of a small program value, or
 * where a large one or a sync point's result sits in the work directory; or why a version will
 * never exist ({@link Lost}: its sync point failed, or its task was cancelled with its group). The
 * task graph names versions; this store holds what they are. The session removes a version once no
 * future and no pending task can reach it, so the store holds live data only.
 */
public final class DataStore {
  private final Map<String, DriverValue> values = new HashMap<>();
  private final Map<String, Lost> lost = new HashMap<>();

  /**
   * Why a version will never exist.
   *
   * @param task the task that failed or did not run, as {@code function#number}
   * @param reason the whole explanation, naming that task
   */
  public record Lost(String task, String reason) {}

  public void put(String key, DriverValue value) {
    values.put(key, value);
    lost.remove(key);
  }

  /**
   * Replaces the value of version {@code key} only while the store still holds one: a job that ends
   * after the program dropped (or deleted) what it stores must not bring the value back, since
   * nothing would ever remove it again. Returns whether it replaced.
   */
  public boolean replace(String key, DriverValue value) {
    return values.replace(key, value) != null;
  }

  /**
   * As {@link #markLost}, only while the store still holds a value for {@code key}: what nobody can
   * read any more need not say why it will never exist.
   */
  public void markLostIfHeld(String key, String task, String reason) {
    if (values.containsKey(key)) {
      markLost(key, task, reason);
    }
  }

  /** The value of version {@code key}, or null when it is not (or no longer) held here. */
  public DriverValue get(String key) {
    return values.get(key);
  }

  /** Records that version {@code key} will never exist because of {@code task}, and why. */
  public void markLost(String key, String task, String reason) {
    values.remove(key);
    lost.put(key, new Lost(task, reason));
  }

  /** Why version {@code key} will never exist, or null. */
  public Lost lost(String key) {
    return lost.get(key);
  }

  /** Forgets version {@code key}: nothing can read it any more. */
  public void remove(String key) {
    values.remove(key);
    lost.remove(key);
  }

  /** Versions held (values and lost ones). */
  public int size() {
    return values.size() + lost.size();
  }
}
