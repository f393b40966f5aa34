package io.taskbeam;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.FILE_INOUT;
import static io.taskbeam.Direction.FILE_OUT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Task methods with file parameters, for {@link FileParamsTest}. */
public final class FileTasks {
  private FileTasks() {}

  @Task
  static void writeLines(@Param(FILE_OUT) String file, int lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= lines; i++) {
      text.append("line ").append(i).append('\n');
    }
    Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
  }

  @Task
  static int countLines(@Param(FILE_IN) Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return (int) lines.count();
    }
  }

  @Task
  static String firstLine(@Param(FILE_IN) String file) throws IOException {
    try (var lines = Files.lines(Path.of(file))) {
      return lines.findFirst().orElse("");
    }
  }

  @Task
  static void append(@Param(FILE_INOUT) String file, String text) throws IOException {
    Files.writeString(Path.of(file), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Task
  static String pathSeen(@Param(FILE_IN) String file) {
    return file;
  }

  @Task
  static int wrongType(@Param(FILE_IN) int file) {
    return file;
  }

  @Task
  static int sum(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).sum();
  }

  @Task
  static String join(List<String> values) {
    return String.join(",", values);
  }

  @Task
  static int square(int x) {
    return x * x;
  }

  @Task
  static String label(int x) {
    return "v" + x;
  }

  @Task
  static long length(double[] values) {
    return values.length;
  }

  /** Appends half a record, then fails: its readers are cancelled. */
  @Task(onFailure = FailurePolicy.CANCEL_SUCCESSORS)
  static void appendHalfAndFail(@Param(FILE_INOUT) String file) throws IOException {
    Files.writeString(Path.of(file), "HALF", StandardOpenOption.APPEND);
    throw new IOException("disk full");
  }
}
