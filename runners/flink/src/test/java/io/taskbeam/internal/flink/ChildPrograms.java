package io.taskbeam.internal.flink;

import io.taskbeam.TaskBeam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Programs the embedded-Flink process tests run in JVMs of their own, and their sessions. */
final class ChildPrograms {
  private ChildPrograms() {}

  /**
   * Starts {@code main} with this test's class path and {@code args} in a new JVM, its stdout in
   * {@code dir/out.txt} and its stderr in {@code dir/err.txt}.
   */
  static Process start(Path dir, Class<?> main, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }

  /** A child program's session on embedded Flink, its files under {@code work} and {@code runs}. */
  static TaskBeam embeddedSession(int parallelism, String work, String runs) {
    return TaskBeam.start(
        "--runner=FlinkRunner",
        "--parallelism=" + parallelism,
        "--dashboard=off",
        "--workDir=" + work,
        "--runsDir=" + runs);
  }
}
