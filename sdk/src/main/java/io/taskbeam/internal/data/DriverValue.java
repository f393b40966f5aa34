package io.taskbeam.internal.data;

/**
 * A value the driver holds for a version: either its encoding, small enough to travel inside the
 * job ({@link #inline}), or a reference to the work directory ({@link #stored}), which workers load
 * where they run. Exactly one is set.
 */
public record DriverValue(byte[] inline, StoredRef stored) {
  public DriverValue {
    if ((inline == null) == (stored == null)) {
      throw new IllegalArgumentException("a driver value is inline bytes or a stored reference");
    }
  }

  public static DriverValue inline(byte[] bytes) {
    return new DriverValue(bytes, null);
  }

  public static DriverValue stored(StoredRef ref) {
    return new DriverValue(null, ref);
  }

  /** Bytes this value adds to the job: its encoding when inline, 0 when stored. */
  public long inlineBytes() {
    return inline == null ? 0 : inline.length;
  }
}
