package io.taskbeam.internal.data;

/**
 * Bytes the calling thread read from and wrote to the work directory, counted by {@link
 * io.taskbeam.internal.data.WorkDir}. A chunk takes the difference over its run; the driver does
 * the same around writing program values and fetching results.
 */
public final class IoCounter {
  private static final ThreadLocal<long[]> BYTES = ThreadLocal.withInitial(() -> new long[2]);

  private IoCounter() {}

  public static void read(long bytes) {
    BYTES.get()[0] += bytes;
  }

  public static void written(long bytes) {
    BYTES.get()[1] += bytes;
  }

  /** Read and written so far on this thread: {@code {read, written}}. */
  public static long[] snapshot() {
    return BYTES.get().clone();
  }
}
