package io.taskbeam.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload's body in a fresh JVM (2 GiB heap, no pre-touch: the JVM's own start-up is part
 * of what {@link FirstSync} measures) and returns the figure it printed after a given prefix; a
 * child that fails or prints no figure within {@link #TIMEOUT_SECONDS} is ended by its pid and
 * reported with its last lines.
 */
final class ChildJvm {
  static final long TIMEOUT_SECONDS = 300;

  private ChildJvm() {}

  /** {@link FirstSync} in a fresh JVM: seconds from its start to its first value. */
  static double firstSync(String[] runnerArgs, String what) {
    return figure(FirstSync.class, FirstSync.PREFIX, List.of(runnerArgs), 0, what);
  }

  /**
   * Runs {@code main} with {@code args}; returns the number it printed after {@code prefix}, or NaN
   * when it ended with {@code expectedExit} other than 0 (a body that kills itself) and printed
   * none.
   */
  static double figure(
      Class<?> main, String prefix, List<String> args, int expectedExit, String what) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    String runsDir = System.getProperty("taskbeam.runsDir");
    if (runsDir != null) {
      cmd.add("-Dtaskbeam.runsDir=" + runsDir);
    }
    cmd.addAll(Suite.kernelProperties());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(what + ": cannot start a JVM: " + e.getMessage(), e);
    }
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended; what was read is reported below
              }
            },
            "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            what + ": the fresh JVM gave no figure in " + TIMEOUT_SECONDS + " s");
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    }
    synchronized (lines) {
      for (String line : lines) {
        if (line.startsWith(prefix) && process.exitValue() == 0) {
          return Double.parseDouble(line.substring(prefix.length()));
        }
      }
      if (expectedExit != 0 && process.exitValue() == expectedExit) {
        return Double.NaN;
      }
      List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
      throw new IllegalStateException(
          what + ": exit code " + process.exitValue() + ": " + String.join(" / ", tail));
    }
  }
}
