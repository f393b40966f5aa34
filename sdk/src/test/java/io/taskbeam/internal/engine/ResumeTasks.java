package io.taskbeam.internal.engine;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks for the checkpoint tests on the in-memory runner (which runs them in the test's JVM): each
 * counts its runs, so a test can tell a resumed task (not run again) from one that ran; {@link
 * #failAt} makes {@link #step} fail in a chosen round, standing for a crash.
 */
public final class ResumeTasks {
  static final AtomicInteger steps = new AtomicInteger();
  static final AtomicInteger scales = new AtomicInteger();
  static final AtomicInteger reads = new AtomicInteger();
  static volatile int failAt = -1;

  private ResumeTasks() {}

  static void reset() {
    steps.set(0);
    scales.set(0);
    reads.set(0);
    failAt = -1;
  }

  /** One round of an iteration: x -> 3x + round. */
  @Task
  public static long step(long x, int round) {
    if (round == failAt) {
      throw new IllegalStateException("round " + round + " crashed");
    }
    steps.incrementAndGet();
    return 3 * x + round;
  }

  /** Scales a vector in place. */
  @Task
  public static void scale(@Param(INOUT) double[] v, double by) {
    scales.incrementAndGet();
    for (int i = 0; i < v.length; i++) {
      v[i] *= by;
    }
  }

  /** The length of a file's content. */
  @Task
  public static long size(@Param(FILE_IN) String path) throws IOException {
    reads.incrementAndGet();
    return Files.size(Path.of(path));
  }
}
