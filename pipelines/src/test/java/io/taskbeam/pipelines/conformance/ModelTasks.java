package io.taskbeam.pipelines.conformance;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.FILE_INOUT;
import static io.taskbeam.Direction.FILE_OUT;

import io.taskbeam.FailurePolicy;
import io.taskbeam.Pair;
import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tasks of the COMPSs model's features, for {@link ModelConformance}. */
final class ModelTasks {
  private ModelTasks() {}

  @Task
  static Pair<Long, Long> minMax(long[] values) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new Pair<>(min, max);
  }

  @Task
  static ArrayList<Long> digits(long value) {
    ArrayList<Long> d = new ArrayList<>(List.of(value / 100, value / 10 % 10, value % 10));
    return d;
  }

  /** Asks 64 GiB of heap: more than any worker of the test runners has. */
  @Task(memoryMb = 65536)
  static long hungry(long a) {
    return a;
  }

  @Task
  static long difference(long a, long b) {
    return a - b;
  }

  @Task
  static long twice(long a) {
    return 2 * a;
  }

  @Task
  static long sum(int[] values) {
    long s = 0;
    for (int v : values) {
      s += v;
    }
    return s;
  }

  @Task(onFailure = FailurePolicy.IGNORE)
  static long ignoredCount(long x) {
    throw new IllegalStateException("cannot count " + x);
  }

  @Task
  static void writeNumber(@Param(FILE_OUT) String file, long n) throws IOException {
    Files.writeString(Path.of(file), Long.toString(n));
  }

  @Task
  static long readNumber(@Param(FILE_IN) String file) throws IOException {
    return Long.parseLong(Files.readString(Path.of(file)).trim());
  }

  @Task
  static void addToNumber(@Param(FILE_INOUT) String file, long n) throws IOException {
    Path p = Path.of(file);
    Files.writeString(p, Long.toString(Long.parseLong(Files.readString(p).trim()) + n));
  }

  /**
   * Adds one to the number in the file; fails after writing unless {@code marker} exists (then
   * creates it), so the first attempt on any worker JVM fails and the retry must start from the
   * file as it was.
   */
  @Task(onFailure = FailurePolicy.RETRY, retries = 1)
  static void flakyIncrement(@Param(FILE_INOUT) String file, String marker) throws IOException {
    Path p = Path.of(file);
    Files.writeString(p, Long.toString(Long.parseLong(Files.readString(p).trim()) + 1));
    if (!Files.exists(Path.of(marker))) {
      Files.createFile(Path.of(marker));
      throw new IOException("failed after writing");
    }
  }

  /** Priority: logs its name to the file {@code log} as it runs. */
  @Task(priority = true)
  static long urgent(long i, String log) throws IOException {
    return logged("urgent" + i, i, log);
  }

  /** Logs its name to the file {@code log} as it runs. */
  @Task
  static long routine(long i, String log) throws IOException {
    return logged("routine" + i, i, log);
  }

  private static long logged(String name, long value, String log) throws IOException {
    Files.writeString(
        Path.of(log),
        name + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return value;
  }
}
