package io.taskbeam.pipelines.faults;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application of {@code pipelines} in a child JVM started as {@code mvn exec:java} starts it
 * ({@link ExecJavaLike}: a system class loader without the program), with stdout and stderr in
 * files under {@code dir}: for tests that kill the driver, or read what a user's terminal shows.
 */
record ChildProgram(Process process, Path out, Path err) {
  /** Starts {@code -Dapp=app} with {@code args}; its files go to a new folder under {@code dir}. */
  static ChildProgram start(Path dir, String app, String... args) throws Exception {
    return start(dir, "1g", List.of(System.getProperty("java.class.path")), app, args);
  }

  /**
   * As above, with a heap of {@code heap} ({@code -Xmx}) and the program's classpath {@code
   * classpath} (entries, in order).
   */
  static ChildProgram start(
      Path dir, String heap, List<String> classpath, String app, String... args) throws Exception {
    Path launcherDir = Files.createTempDirectory(dir, "child-" + app + "-");
    String name = ExecJavaLike.class.getName().replace('.', '/') + ".class";
    Path classFile =
        Path.of(ExecJavaLike.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(name);
    Path target = launcherDir.resolve(name);
    Files.createDirectories(target.getParent());
    Files.copy(classFile, target);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Dapp=" + app,
                "-D" + ExecJavaLike.CLASSPATH + "=" + String.join(File.pathSeparator, classpath),
                "-cp",
                launcherDir.toString(),
                ExecJavaLike.class.getName()));
    cmd.addAll(List.of(args));
    Path out = launcherDir.resolve("stdout.txt");
    Path err = launcherDir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ChildProgram(p, out, err);
  }

  /** Waits for the end, at most {@code bound} (then kills it and fails); returns the exit code. */
  int waitFor(Duration bound) throws Exception {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the program did not end within " + bound + "; stderr: " + stderr());
    }
    return process.exitValue();
  }

  /** SIGKILL, as a crashed node or an OOM killer would: no hook of the JVM runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  String stdout() throws Exception {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws Exception {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** The last line of stderr that is not blank, or "". */
  String lastLine() throws Exception {
    List<String> lines = stderr().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
