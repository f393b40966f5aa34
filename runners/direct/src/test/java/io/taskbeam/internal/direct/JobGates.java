package io.taskbeam.internal.direct;

import static io.taskbeam.Direction.FILE_INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tasks for {@link ConcurrentJobsTest}; the DirectRunner runs them in the test's JVM, so a gate
 * holds one while it runs (it says when it started and waits to be released) and whatever the test
 * submits meanwhile is in a later job, on any machine.
 */
public final class JobGates {
  static volatile CountDownLatch started = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);

  private JobGates() {}

  static void reset() {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  private static void pass() throws InterruptedException {
    started.countDown();
    if (!release.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the gate");
    }
  }

  @Task
  public static int gatedSum(int[] a) throws InterruptedException {
    pass();
    return a[0];
  }

  @Task
  public static int gatedFail(int x) throws InterruptedException {
    pass();
    throw new IllegalArgumentException("no good: " + x);
  }

  @Task
  public static int plus(int a, int b) {
    return a + b;
  }

  @Task
  public static void gatedAppend(@Param(FILE_INOUT) String file, String text)
      throws IOException, InterruptedException {
    pass();
    append(file, text);
  }

  @Task
  public static void append(@Param(FILE_INOUT) String file, String text) throws IOException {
    Path p = Path.of(file);
    Files.writeString(p, Files.readString(p) + text);
  }
}
