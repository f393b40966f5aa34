package io.taskbeam.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measuring process (a JVM or Python), echoes its output indented, and collects its {@code
 * ROW,} and {@code COST,} lines into the results. Ends it (by its pid) after a bound.
 */
final class ChildProcess {
  /** Longer than the slowest configuration of the full suite (Dask's 100,000 tiny tasks). */
  static final long TIMEOUT_MINUTES = 90;

  private ChildProcess() {}

  /** Returns null when the process exits 0, else what went wrong (with its last lines). */
  static String run(List<String> cmd, Map<String, String> env, Results results, String name) {
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return "cannot start " + cmd.get(0) + ": " + e.getMessage();
    }
    Deque<String> tail = new ArrayDeque<>();
    List<String> failedWorkloads = new ArrayList<>();
    Thread reader =
        new Thread(() -> collect(process, results, tail, failedWorkloads), name + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return "did not finish in "
            + TIMEOUT_MINUTES
            + " minutes (pid "
            + process.pid()
            + " ended)";
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    synchronized (failedWorkloads) {
      if (!failedWorkloads.isEmpty()) {
        return "failed workload(s): " + String.join("; ", failedWorkloads);
      }
    }
    if (process.exitValue() != 0) {
      synchronized (tail) {
        return "exit code " + process.exitValue() + ": " + String.join(" / ", tail);
      }
    }
    return null;
  }

  private static void collect(
      Process process, Results results, Deque<String> tail, List<String> failedWorkloads) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(ConfigRunner.ROW_PREFIX)) {
          results.add(Row.parse(line.substring(ConfigRunner.ROW_PREFIX.length())));
        } else if (line.startsWith(ConfigRunner.COST_PREFIX)) {
          results.addCost(line.substring(ConfigRunner.COST_PREFIX.length()));
        } else if (line.startsWith(ConfigRunner.FAIL_PREFIX)) {
          synchronized (failedWorkloads) {
            failedWorkloads.add(line.substring(ConfigRunner.FAIL_PREFIX.length()));
          }
        }
        System.out.println("   | " + line);
        if (!line.isBlank()) {
          synchronized (tail) {
            tail.addLast(line.trim());
            if (tail.size() > 3) {
              tail.removeFirst();
            }
          }
        }
      }
    } catch (IOException e) {
      System.out.println("   | (output lost: " + e.getMessage() + ")");
    }
  }
}
