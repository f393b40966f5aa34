package io.taskbeam.internal.engine;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.FILE_INOUT;
import static io.taskbeam.Direction.FILE_OUT;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tasks for the engine's tests on the in-memory runner, which runs them in the test's JVM: a gate
 * lets a test hold a task while it runs (it says when it started, and waits to be released), so
 * what a test submits meanwhile lands in a later job, whatever the machine's speed.
 */
public final class GateTasks {
  static volatile CountDownLatch started = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);

  private GateTasks() {}

  /** A new gate for the next test. */
  public static void reset() {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  @Task
  public static void gatedIncrement(@Param(INOUT) int[] a) throws InterruptedException {
    started.countDown();
    if (!release.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the gate");
    }
    a[0] += 1;
  }

  @Task
  public static int gatedSum(int[] a) throws InterruptedException {
    started.countDown();
    if (!release.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the gate");
    }
    return a[0];
  }

  @Task
  public static void gatedWrite(@Param(FILE_OUT) String file, String text) throws Exception {
    started.countDown();
    if (!release.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the gate");
    }
    Files.writeString(Path.of(file), text);
  }

  @Task
  public static String read(@Param(FILE_IN) String file) throws IOException {
    return Files.readString(Path.of(file));
  }

  @Task
  public static void append(@Param(FILE_INOUT) String file, String text) throws IOException {
    Files.writeString(Path.of(file), text, StandardOpenOption.APPEND);
  }

  @Task
  public static void increment(@Param(INOUT) int[] a) {
    a[0] += 1;
  }

  @Task
  public static void twice(@Param(INOUT) int[] a) {
    a[0] *= 2;
  }

  @Task
  public static int plus(int a, int b) {
    return a + b;
  }

  @Task
  public static int fail(int x) {
    throw new IllegalArgumentException("no good: " + x);
  }

  @Task
  public static int doubled(int x) {
    return 2 * x;
  }
}
