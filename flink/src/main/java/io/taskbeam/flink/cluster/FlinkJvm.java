package io.taskbeam.flink.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds and starts the {@code java} command lines for Flink processes.
 *
 * <p>Flink's distribution passes the Java 17 module flags through {@code env.java.opts.all}, which
 * only its shell scripts read; starting the JVMs ourselves, we pass them ourselves ({@link
 * #JAVA_17_FLAGS}).
 */
final class FlinkJvm {
  /** The module flags Flink 1.19 needs on Java 17 (reflection into JDK internals, e.g. by Kryo). */
  static final List<String> JAVA_17_FLAGS = buildJava17Flags();

  private FlinkJvm() {}

  /** {@code java} of the running JDK, so every Flink JVM uses the same Java as the launcher. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. A repeated self-contained option
   * ({@code --add-opens=...}, {@code -Dk=v}) is dropped, keeping the first occurrence: the config
   * may list the Java 17 flags again.
   */
  static List<String> command(
      List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    Set<String> seen = new HashSet<>();
    for (String option : jvmOptions) {
      if (!option.contains("=") || seen.add(option)) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Starts a long-running Flink process in {@code workDir}: stdout and stderr both go to {@code
   * logFile} (truncated), stdin is empty, so the process neither blocks on nor dies with the
   * launcher's streams. {@code FLINK_PLUGINS_DIR} is where Flink looks for plugins (the
   * distribution's {@code plugins/}).
   */
  static Process start(List<String> command, Path logFile, Path workDir, Path pluginsDir)
      throws IOException {
    return start(command, logFile, workDir, pluginsDir, false);
  }

  /**
   * As above; {@code appendLog} keeps what the log holds (a process restarted by the {@link
   * ClusterSupervisor}: the end of the dead one's log tells why it died).
   */
  static Process start(
      List<String> command, Path logFile, Path workDir, Path pluginsDir, boolean appendLog)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(
                appendLog
                    ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                    : ProcessBuilder.Redirect.to(logFile.toFile()));
    builder.environment().put("FLINK_PLUGINS_DIR", pluginsDir.toString());
    return builder.start();
  }

  /**
   * Runs a short command to completion, with a time bound, and returns its combined output; {@code
   * what} names it in errors. Output goes through a temp file so a hung command cannot block the
   * read past the bound.
   */
  static String runAndCapture(String what, List<String> command, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("taskbeam-flink-", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new ClusterException(what + " timed out after " + timeout.toSeconds() + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new ClusterException(
            what + " failed with exit code " + process.exitValue() + ": " + firstError(text));
      }
      return text;
    } catch (IOException e) {
      throw new ClusterException("cannot run " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while running " + what, e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  /**
   * The first exception line of a failed JVM's output (its cause in one line), else its last line.
   */
  static String firstError(String output) {
    String line =
        output
            .lines()
            .filter(l -> l.contains("Exception"))
            .findFirst()
            .orElse(output.strip().lines().reduce("(no output)", (a, b) -> b));
    line = line.replaceFirst("^Exception in thread \"[^\"]*\" ", "").strip();
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }

  private static List<String> buildJava17Flags() {
    List<String> flags = new ArrayList<>();
    for (String export :
        List.of(
            "java.base/sun.net.util", "java.rmi/sun.rmi.registry",
            "jdk.compiler/com.sun.tools.javac.api", "jdk.compiler/com.sun.tools.javac.file",
            "jdk.compiler/com.sun.tools.javac.parser", "jdk.compiler/com.sun.tools.javac.tree",
            "jdk.compiler/com.sun.tools.javac.util", "java.security.jgss/sun.security.krb5")) {
      flags.add("--add-exports=" + export + "=ALL-UNNAMED");
    }
    for (String pkg :
        List.of(
            "java.lang",
            "java.net",
            "java.io",
            "java.nio",
            "sun.nio.ch",
            "java.lang.reflect",
            "java.text",
            "java.time",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "java.util.concurrent.locks")) {
      flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    return List.copyOf(flags);
  }
}
