package io.taskbeam.bench;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * One long session of tiny tasks ({@link TinyTasks#next}): {@code syncs} sync points of {@code
 * total / syncs} tasks each, every future dropped except the one waited on, so the session may keep
 * only live data. Measures the time from the first submit to the last value and the largest heap in
 * use after a sync point (after forced full collections) above the heap in use before the session:
 * a session that kept every datum would grow with each sync point.
 */
public final class SessionRun {
  /** Seconds of the whole session and its retained heap in bytes. */
  public record Result(double seconds, long retainedBytes, long[] retainedAfterEachSync) {}

  private SessionRun() {}

  public static Result run(String[] runnerArgs, int total, int syncs) {
    int tasks = total / syncs;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = retained(memory);
    long[] after = new long[syncs];
    long measuredNanos = 0;
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      for (int s = 0; s < syncs; s++) {
        long start = System.nanoTime();
        TaskFuture<Integer> last = null;
        for (int i = 0; i < tasks; i++) {
          last = tb.submit(TinyTasks::next, i);
        }
        int value = tb.waitOn(last);
        measuredNanos += System.nanoTime() - start;
        if (value != tasks) {
          throw new IllegalStateException(
              "session: the last task of sync point " + (s + 1) + " returned " + value);
        }
        last = null;
        retained(memory);
        tb.barrier(); // lets the session release the futures the collector found unreachable
        after[s] = retained(memory) - baseline;
      }
    }
    long max = 0;
    for (long a : after) {
      max = Math.max(max, a);
    }
    return new Result(measuredNanos / 1e9, max, after);
  }

  /** Heap in use after full collections (three, so weakly reachable objects are gone). */
  static long retained(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
