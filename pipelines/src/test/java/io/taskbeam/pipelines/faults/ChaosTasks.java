package io.taskbeam.pipelines.faults;

import static io.taskbeam.Direction.FILE_INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Tasks of {@link TaskManagerLossIT}'s FILE_INOUT and jobs-in-flight programs. */
final class ChaosTasks {
  private ChaosTasks() {}

  /**
   * Appends {@code line} to {@code file} in place after about {@code millis} ms of work: not
   * idempotent, so a re-run after a lost worker must start from the file as it was.
   */
  /**
   * The sum of {@code seed, seed + 1, ..., seed + n - 1}, after {@code millis} ms standing for
   * work: a result the test checks against its closed form.
   */
  @Task
  static long slowSum(long seed, long n, long millis) throws InterruptedException {
    Thread.sleep(millis);
    long sum = 0;
    for (long i = 0; i < n; i++) {
      sum += seed + i;
    }
    return sum;
  }

  @Task
  static void appendLine(@Param(FILE_INOUT) String file, String line, long millis)
      throws IOException, InterruptedException {
    Thread.sleep(millis);
    Files.writeString(
        Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
