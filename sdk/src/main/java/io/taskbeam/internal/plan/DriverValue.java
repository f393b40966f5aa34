package io.taskbeam.internal.plan;

import io.taskbeam.internal.data.StoredRef;

/**
 * A value the driver supplies to a stage's side input: either its encoding, carried inside the
 * job ({@link #inline}), or a reference to the work directory ({@link #stored}), which workers
 * load where they run. Exactly one is set.
 */
public record DriverValue(byte[] inline, StoredRef stored) {
  public DriverValue {
    if ((inline == null) == (stored == null)) {
      throw new IllegalArgumentException("a driver value is inline bytes or a stored reference");
    }
  }

  static DriverValue inline(byte[] bytes) {
    return new DriverValue(bytes, null);
  }

  static DriverValue stored(StoredRef ref) {
    return new DriverValue(null, ref);
  }

  /** Bytes this value adds to the job: its encoding when inline, 0 when stored. */
  public long inlineBytes() {
    return inline == null ? 0 : inline.length;
  }
}
