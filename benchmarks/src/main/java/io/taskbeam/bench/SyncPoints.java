package io.taskbeam.bench;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import java.util.Arrays;

/**
 * The sync workload: one trivial task, then {@code waitOn}, again and again in one session. A round
 * trip is measured from the submit to the value back in the program; every value is checked. COMPSs
 * programs sync once per iteration, so this is the fixed cost of an iteration.
 */
public final class SyncPoints {
  /** Round trips run before measuring, so the JIT and the runner are warm. */
  public static final int WARM_UPS = 5;

  private SyncPoints() {}

  @Task
  static long inc(long x) {
    return x + 1;
  }

  /** One sync point of one task; returns its round trip in nanoseconds. */
  public static long once(TaskBeam tb, long x) {
    long start = System.nanoTime();
    long y = tb.waitOn(tb.submit(SyncPoints::inc, x));
    long took = System.nanoTime() - start;
    if (y != x + 1) {
      throw new IllegalStateException("sync point task returned " + y + " for " + x);
    }
    return took;
  }

  /** {@link #WARM_UPS} round trips, then {@code n} measured ones (nanoseconds, in order). */
  public static long[] roundTrips(TaskBeam tb, int n) {
    for (int i = 0; i < WARM_UPS; i++) {
      once(tb, -i);
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      nanos[i] = once(tb, i * 7L);
    }
    return nanos;
  }

  /** The {@code q}-quantile (0..1, nearest rank) of {@code nanos}, in seconds. */
  public static double quantile(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e9;
  }
}
