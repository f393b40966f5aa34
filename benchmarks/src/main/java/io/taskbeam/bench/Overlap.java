package io.taskbeam.bench;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Two workloads of a program that does work of its own between task calls. {@code overlap}: {@code
 * size} rounds of: the driver waits {@value #INPUT_MILLIS} ms for input (a sleep standing for I/O),
 * then submits two tasks of {@value #TASK_MILLIS} ms of CPU each without waiting; one {@code
 * waitOn} at the end. With 2 workers that is 2 s a round if nothing overlaps and 1 s if the tasks
 * run while the driver waits for the next input. {@code first-task}: the time from a task's submit
 * to its start, read from the task's own clock (the wall clock, shared by every JVM on the host),
 * while the driver spends {@value #DRIVER_MILLIS} ms of its own before its sync point.
 */
public final class Overlap {
  static final long INPUT_MILLIS = 1000;
  static final long TASK_MILLIS = 1000;
  static final long DRIVER_MILLIS = 300;

  private Overlap() {}

  /** Burns {@code millis} of CPU; returns how many loops that took (never 0). */
  @Task
  static long burn(long millis, int label) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long loops = 1;
    double x = label;
    while (System.nanoTime() < end) {
      x = Math.sqrt(x + loops++);
    }
    return x > 0 ? loops : 1;
  }

  /** The task's start, in microseconds since the epoch. */
  @Task
  static long startedAt(int label) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** The overlap workload of {@code rounds} rounds; every task's result is checked. */
  public static void run(TaskBeam tb, int rounds) {
    List<TaskFuture<Long>> loops = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      sleep(INPUT_MILLIS);
      loops.add(tb.submit(Overlap::burn, TASK_MILLIS, 2 * r));
      loops.add(tb.submit(Overlap::burn, TASK_MILLIS, 2 * r + 1));
    }
    for (long l : tb.waitOn(loops)) {
      if (l < 1) {
        throw new IllegalStateException("an overlap task reported " + l + " loops");
      }
    }
  }

  /**
   * Seconds from submit to the task's start, median of {@code n} tasks, each submitted after the
   * last one's value came back; the driver works {@value #DRIVER_MILLIS} ms before each sync point.
   */
  public static double firstTask(TaskBeam tb, int n) {
    List<Double> delays = new ArrayList<>();
    tb.waitOn(tb.submit(Overlap::startedAt, -1)); // the session's first job: not measured
    for (int i = 0; i < n; i++) {
      long submitted = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      TaskFuture<Long> start = tb.submit(Overlap::startedAt, i);
      sleep(DRIVER_MILLIS);
      long started = tb.waitOn(start);
      if (started < submitted) {
        throw new IllegalStateException("task " + i + " started before it was submitted");
      }
      delays.add((started - submitted) / 1e6);
    }
    delays.sort(null);
    return delays.get(delays.size() / 2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
