package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The background JVM of a cluster started with {@code --supervise}: every {@link #POLL} it checks
 * the pids of the JobManager and TaskManagers in the run directory and starts a dead one again as
 * it was started ({@link LocalFlinkCluster#restart}: same command line, so the same address, ports
 * and config), at most {@code --max-restarts} times within {@link #WINDOW} ({@link RestartBudget}).
 * Each restart is one line on its output, which is {@code log/supervisor.log}; {@code cluster
 * status} shows them. When the budget is spent it writes why and exits, and the cluster is then
 * unsupervised.
 *
 * <p>Why a JVM of its own rather than the CLI staying in the background: the CLI that started the
 * cluster exits (its terminal may close); a small detached JVM with a pid file of its own is found,
 * checked and stopped like the cluster's other processes ({@code cluster stop} ends it first, so it
 * never restarts what is being stopped), and it can start Flink JVMs with the launcher's own code.
 * Its command line names the cluster's config directory, as every process of the cluster does.
 *
 * <p>A JobManager restarted this way is empty (a standalone cluster without HA keeps no job state):
 * the TaskManagers register with it again on their own (they retry the same address until {@code
 * taskmanager.registration.timeout}, 5 minutes), and a driver that waited re-submits its job.
 */
public final class ClusterSupervisor {
  /** The span {@code --max-restarts} counts over. */
  static final Duration WINDOW = Duration.ofMinutes(10);

  static final Duration POLL = Duration.ofMillis(300);

  /** A small heap: the supervisor only reads pid files and starts processes. */
  static final List<String> JVM_OPTIONS =
      List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private final LocalFlinkCluster cluster;
  private final RestartBudget budget;
  private final PrintStream log;

  ClusterSupervisor(LocalFlinkCluster cluster, RestartBudget budget, PrintStream log) {
    this.cluster = cluster;
    this.budget = budget;
    this.log = log;
  }

  /** The supervisor's arguments: the cluster's config directory first (its process marker). */
  static List<String> args(Path confDir, int maxRestarts, Duration window) {
    return List.of(
        "--configDir",
        confDir.toString(),
        "--max-restarts",
        Integer.toString(maxRestarts),
        "--window-seconds",
        Long.toString(window.toSeconds()));
  }

  /** {@code --configDir DIR --max-restarts N --window-seconds S}, as {@link #args} writes them. */
  public static void main(String[] args) {
    if (args.length != 6
        || !args[0].equals("--configDir")
        || !args[2].equals("--max-restarts")
        || !args[4].equals("--window-seconds")) {
      System.err.println(
          "error: usage: ClusterSupervisor --configDir DIR --max-restarts N --window-seconds S"
              + " (started by flink/bin/cluster start --supervise)");
      System.exit(1);
    }
    Path runDir = Path.of(args[1]).toAbsolutePath().getParent();
    RestartBudget budget =
        new RestartBudget(Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[5])));
    new ClusterSupervisor(LocalFlinkCluster.attach(runDir), budget, System.out).run();
    System.exit(1); // run() returns only when the budget is spent
  }

  /** Watches until the restart budget is spent. */
  void run() {
    line(
        "supervising "
            + cluster.supervisedPids().keySet()
            + " of "
            + cluster.runDir()
            + " (at most "
            + budget.max()
            + " restarts per "
            + budget.window().toMinutes()
            + " min)");
    while (checkOnce()) {
      ProcessControl.sleep(POLL);
    }
  }

  /**
   * Restarts every watched process that is no longer running; false when one could not be restarted
   * because the budget is spent (after writing why).
   */
  boolean checkOnce() {
    for (Map.Entry<String, Long> entry : cluster.supervisedPids().entrySet()) {
      String name = entry.getKey();
      long pid = entry.getValue();
      if (cluster.runs(pid)) {
        continue;
      }
      if (!budget.tryRestart(System.nanoTime())) {
        line(
            "gave up: "
                + name
                + " (pid "
                + pid
                + ") died again after "
                + budget.max()
                + " restarts within "
                + budget.window().toMinutes()
                + " min (--max-restarts); the cluster is no longer supervised; see "
                + cluster.logFile(name)
                + ClusterDirectory.lastError(cluster.logFile(name)));
        return false;
      }
      try {
        long restarted = cluster.restart(name);
        line(
            "restarted "
                + name
                + ": pid "
                + pid
                + " had exited; new pid "
                + restarted
                + " (restart "
                + budget.used()
                + " of at most "
                + budget.max()
                + " per "
                + budget.window().toMinutes()
                + " min)");
      } catch (IOException | RuntimeException e) {
        line("could not restart " + name + " (pid " + pid + "): " + e.getMessage());
      }
    }
    return true;
  }

  private void line(String text) {
    log.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + text);
    log.flush();
  }

  /** The restart and give-up lines of a supervisor's log, oldest first; empty when it has none. */
  static List<String> restartLines(Path log) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(
              l ->
                  l.contains(" restarted ")
                      || l.contains(" gave up: ")
                      || l.contains(" could not restart "))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }
}
