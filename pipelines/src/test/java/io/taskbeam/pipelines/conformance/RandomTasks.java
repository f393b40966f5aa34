package io.taskbeam.pipelines.conformance;

import static io.taskbeam.Direction.COMMUTATIVE;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.FailurePolicy;
import io.taskbeam.Param;
import io.taskbeam.Task;

/**
 * The tasks of {@link RandomPrograms}: each one-cell {@code long[]} arithmetic whose result depends
 * on the order of the updates it takes part in, so a run out of sequential order gives another
 * number.
 */
final class RandomTasks {
  private RandomTasks() {}

  /** x := 3x + c. */
  @Task
  static void step(@Param(INOUT) long[] x, long c) {
    x[0] = 3 * x[0] + c;
  }

  @Task
  static long[] mix(long[] a, long[] b) {
    return new long[] {31 * a[0] + b[0]};
  }

  @Task
  static long cell(long[] a) {
    return a[0];
  }

  @Task
  static void add(long value, @Param(COMMUTATIVE) long[] total) {
    total[0] += value;
  }

  /** A new cell of the value a captured array held when the task was submitted. */
  @Task
  static long[] copy(long[] captured) {
    return new long[] {captured[0]};
  }

  /** a + 1, failing for multiples of 5: its successors are cancelled, the program goes on. */
  @Task(onFailure = FailurePolicy.CANCEL_SUCCESSORS)
  static long[] checked(long[] a) {
    if (a[0] % 5 == 0) {
      throw new IllegalArgumentException("multiple of 5: " + a[0]);
    }
    return new long[] {a[0] + 1};
  }
}
