package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Looks at and ends processes by pid. Reads {@code /proc} on Linux (falling back to {@link
 * ProcessHandle} elsewhere) because it can tell a zombie from a live process and shows the full
 * command line, which is how we make sure a pid from a pid file is still ours.
 */
final class ProcessControl {
  private static final Duration POLL = Duration.ofMillis(100);

  private ProcessControl() {}

  /** True while the process exists and is not a zombie. */
  static boolean isRunning(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String text = Files.readString(stat, StandardCharsets.UTF_8);
        // Format: pid (comm) state ...; comm may contain spaces and parentheses.
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** True if the process runs and its command line contains {@code marker}. */
  static boolean isRunningWith(long pid, String marker) {
    return isRunning(pid) && commandLine(pid).map(c -> c.contains(marker)).orElse(false);
  }

  /** The full command line, arguments separated by spaces. */
  static Optional<String> commandLine(long pid) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    if (Files.exists(cmdline)) {
      try {
        return Optional.of(
            new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' '));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
  }

  /**
   * Pids of the running processes whose command line contains {@code marker}, found by scanning
   * {@code /proc} (empty where there is none): how processes whose pid files are gone are found.
   */
  static List<Long> pidsRunningWith(String marker) {
    List<Long> pids = new ArrayList<>();
    try (var entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          long pid = Long.parseLong(name);
          if (pid != ProcessHandle.current().pid() && isRunningWith(pid, marker)) {
            pids.add(pid);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: only pid files are known
    }
    return pids;
  }

  /** Resident set size in bytes from {@code /proc/<pid>/status}, or -1 when unknown. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /**
   * Sends SIGTERM to every pid, waits up to {@code grace} for all to exit, then SIGKILLs the rest
   * and waits up to {@code killWait}. Returns the pids still running after that (normally none).
   */
  private static final Duration REAP_WAIT = Duration.ofSeconds(3);

  static List<Long> terminate(Collection<Long> pids, Duration grace, Duration killWait) {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    List<Long> left = waitForExit(pids, grace);
    left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    List<Long> stillRunning = waitForExit(left, killWait);
    awaitReaped(pids, REAP_WAIT);
    return stillRunning;
  }

  /**
   * An exited child stays a zombie until this JVM's process reaper collects it, and until then
   * {@link ProcessHandle#isAlive()} still says true. Waits up to {@code bound} for that, so a
   * caller that checks the pids right after a stop sees them gone.
   */
  static void awaitReaped(Collection<Long> pids, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    for (long pid : pids) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      long left = deadline - System.nanoTime();
      if (handle.isPresent() && left > 0) {
        try {
          handle.get().onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // not our child or not reaped in time: isRunning already said it has exited
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Waits up to {@code bound} for the processes to exit; returns those still running. */
  static List<Long> waitForExit(Collection<Long> pids, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    List<Long> running = new ArrayList<>(pids);
    while (true) {
      running.removeIf(pid -> !isRunning(pid));
      if (running.isEmpty() || System.nanoTime() > deadline) {
        return running;
      }
      sleep(POLL);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
  }
}
