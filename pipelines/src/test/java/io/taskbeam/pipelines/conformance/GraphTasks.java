package io.taskbeam.pipelines.conformance;

import static io.taskbeam.Direction.COMMUTATIVE;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small tasks whose graphs have a known shape and a result computable by hand. */
final class GraphTasks {
  private GraphTasks() {}

  @Task
  static long[] seed(long value) {
    return new long[] {value};
  }

  /** x := 3x + step: order-sensitive, so a chain run out of order gives another number. */
  @Task
  static void step(@Param(INOUT) long[] x, long step) {
    x[0] = 3 * x[0] + step;
  }

  @Task
  static long fanIn(long[] a, long[] b, long[] c, long[] d) {
    return a[0] + 10 * b[0] + 100 * c[0] + 1000 * d[0];
  }

  @Task
  static void accumulate(long value, @Param(COMMUTATIVE) long[] total) {
    total[0] += value;
  }

  @Task
  static long fail(long value) {
    throw new IllegalArgumentException("value " + value + " is not accepted");
  }

  /** Holds its slot until {@code release} exists (at most 120 s), then returns 1. */
  @Task
  static int holdUntil(String release) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(Path.of(release)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return 1;
  }
}
