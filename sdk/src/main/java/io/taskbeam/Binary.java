package io.taskbeam;

import io.taskbeam.internal.exec.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an external program from a task body (PyCOMPSs {@code @binary}): the exit code is checked,
 * and stdout and stderr are kept as {@code binary/<task>-<n>.stdout|.stderr} in the run directory
 * (when the run is observed). Pass files to the task as FILE_IN / FILE_OUT parameters, so the graph
 * orders it with the tasks that read or write them:
 *
 * <pre>{@code
 * @Task
 * static void gunzip(@Param(FILE_IN) String gz, @Param(FILE_OUT) String fastq) throws Exception {
 *   Binary.runTo(Path.of(fastq), "zcat", gz);
 * }
 * }</pre>
 *
 * A non-zero exit throws {@link java.io.IOException} naming the command, the exit code and the last
 * lines of its stderr, so the task fails (or retries) with that message.
 */
public final class Binary {
  private static final AtomicInteger CALLS = new AtomicInteger();

  private Binary() {}

  /** Runs {@code command} and returns its stdout (UTF-8). */
  public static String run(String... command) throws IOException, InterruptedException {
    Path out = exec(List.of(command), null);
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      deleteIfTemporary(out);
    }
  }

  /** Runs {@code command} with its stdout written to {@code stdout} (for large outputs). */
  public static void runTo(Path stdout, String... command)
      throws IOException, InterruptedException {
    exec(List.of(command), stdout);
  }

  private static Path exec(List<String> command, Path stdout)
      throws IOException, InterruptedException {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("Binary.run needs a command");
    }
    TaskContext task = TaskContext.current();
    String base = (task == null ? "driver" : task.taskName()) + "-" + CALLS.incrementAndGet();
    Path keep = task == null || task.captureDir() == null ? null : Path.of(task.captureDir());
    if (keep != null) {
      Files.createDirectories(keep);
    }
    Path out =
        stdout != null
            ? stdout
            : keep != null
                ? keep.resolve(base + ".stdout")
                : Files.createTempFile("taskbeam-binary-", ".stdout");
    Path err =
        keep != null
            ? keep.resolve(base + ".stderr")
            : Files.createTempFile("taskbeam-binary-", ".stderr");
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start "
              + command.get(0)
              + " ("
              + e.getMessage()
              + "): "
              + "is it installed on every worker?",
          e);
    }
    int exit;
    try {
      exit = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
    String tail = tail(err);
    if (keep == null) {
      Files.deleteIfExists(err);
    }
    if (exit != 0) {
      throw new IOException(
          "command "
              + String.join(" ", command)
              + " exited with "
              + exit
              + (tail.isEmpty() ? "" : ": " + tail)
              + (keep == null ? "" : " (stdout and stderr in binary/" + base + ".* of the run)"));
    }
    return out;
  }

  /** The last three lines of stderr, on one line. */
  private static String tail(Path err) throws IOException {
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).trim();
  }

  private static void deleteIfTemporary(Path out) throws IOException {
    if (out.getFileName().toString().startsWith("taskbeam-binary-")) {
      Files.deleteIfExists(out);
    }
  }
}
