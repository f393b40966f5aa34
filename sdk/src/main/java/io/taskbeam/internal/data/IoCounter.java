package io.taskbeam.internal.data;

/**
 * Bytes the calling thread read from and wrote to the work directory, counted by {@link
 * io.taskbeam.internal.data.WorkDir}, and its lookups in the worker's {@link SharedCache} (hits,
 * and misses that read the value from the store). A chunk takes the difference over its run; the
 * driver does the same around writing program values and fetching results.
 */
public final class IoCounter {
  /** Index of bytes read in a {@link #snapshot()}. */
  public static final int READ = 0;

  /** Index of bytes written. */
  public static final int WRITTEN = 1;

  /** Index of shared-cache lookups that found the value in memory. */
  public static final int CACHE_HITS = 2;

  /** Index of shared-cache lookups that read the value from the store. */
  public static final int CACHE_MISSES = 3;

  private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[4]);

  private IoCounter() {}

  public static void read(long bytes) {
    COUNTS.get()[READ] += bytes;
  }

  public static void written(long bytes) {
    COUNTS.get()[WRITTEN] += bytes;
  }

  /** A shared-cache lookup: {@code hit} when the value was in memory. */
  static void cacheLookup(boolean hit) {
    COUNTS.get()[hit ? CACHE_HITS : CACHE_MISSES]++;
  }

  /** Everything counted so far on this thread, indexed by {@link #READ} and the other indexes. */
  public static long[] snapshot() {
    return COUNTS.get().clone();
  }
}
