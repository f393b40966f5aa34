package io.taskbeam.flink.cluster;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up program a started cluster runs once (see {@link ClusterWarmUp}), in a JVM of its own
 * with the cluster's classpath: two sync points of one small task per slot, so every TaskManager
 * has loaded and run Beam's Flink translation and taskbeam's chunk runner before the first real
 * program. A fresh TaskManager's first job otherwise pays that class loading inside the program's
 * first sync point (measured: 6.3 s for a fresh driver's first sync point on a fresh cluster,
 * 2.9-3.2 s on a warmed one).
 *
 * <p>Arguments: taskbeam's own ({@code --flinkMaster}, {@code --parallelism}, {@code --workDir},
 * {@code --flinkTls} when the cluster has TLS). Prints the checked sum; exits non-zero on failure.
 */
public final class WarmUpJob {
  static final int SYNCS = 2;

  private WarmUpJob() {}

  @Task
  static long square(long x) {
    return x * x;
  }

  public static void main(String[] args) {
    int status = 0;
    try (TaskBeam tb = TaskBeam.start(args)) {
      int tasks = tb.parallelism();
      for (int sync = 1; sync <= SYNCS; sync++) {
        List<TaskFuture<Long>> squares = new ArrayList<>();
        for (long i = 1; i <= tasks; i++) {
          squares.add(tb.submit(WarmUpJob::square, i * sync));
        }
        long sum = tb.waitOn(squares).stream().mapToLong(Long::longValue).sum();
        long expected = (long) sync * sync * tasks * (tasks + 1) * (2L * tasks + 1) / 6;
        if (sum != expected) {
          throw new IllegalStateException("warm-up sum " + sum + ", expected " + expected);
        }
      }
      System.out.println("warm-up: " + SYNCS + " sync points of " + tasks + " tasks, checked");
    } catch (RuntimeException e) {
      System.err.println("warm-up job failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status); // Flink's client may leave non-daemon threads
  }
}
