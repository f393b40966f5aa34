package io.taskbeam.flink.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a starting cluster is ready: every awaited TaskManager is registered with the JobManager and
 * all registered slots are reported, asked over REST every {@link #POLL}. A process that exits
 * meanwhile ends the wait at once; a cluster not ready in time fails with one line naming what is
 * missing and the log to read.
 */
final class ClusterReadiness {
  private static final Duration POLL = Duration.ofMillis(200);

  private final FlinkRest rest;
  private final ClusterProcesses processes;
  private final ClusterDirectory dir;
  private final int slotsPerTaskManager;
  private final Duration timeout;

  ClusterReadiness(
      FlinkRest rest,
      ClusterProcesses processes,
      ClusterDirectory dir,
      int slotsPerTaskManager,
      Duration timeout) {
    this.rest = rest;
    this.processes = processes;
    this.dir = dir;
    this.slotsPerTaskManager = slotsPerTaskManager;
    this.timeout = timeout;
  }

  /**
   * Waits until every TaskManager in {@code names} is registered and all slots are reported.
   *
   * @throws ClusterException when a process exits or the timeout passes
   */
  void await(Collection<String> names) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      processes.requireAlive(names);
      Set<String> registered =
          rest.get("/taskmanagers").map(FlinkRest::taskManagerIds).map(HashSet::new).orElse(null);
      if (registered != null && registered.containsAll(names)) {
        long total = rest.get("/overview").map(ClusterReadiness::slotsTotal).orElse(-1L);
        if (total == (long) registered.size() * slotsPerTaskManager) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException(notReadyMessage(names, registered));
      }
      ProcessControl.sleep(POLL);
    }
  }

  private static long slotsTotal(String overview) {
    return FlinkRest.number(overview, "slots-total").orElse(-1);
  }

  private String notReadyMessage(Collection<String> names, Set<String> registered) {
    String after = "not ready after " + timeout.toSeconds() + " s: ";
    if (registered == null) {
      return after
          + "REST API "
          + rest.baseUrl()
          + " did not answer; see "
          + dir.logFile(ClusterDirectory.JOBMANAGER);
    }
    List<String> missing = names.stream().filter(n -> !registered.contains(n)).toList();
    if (missing.isEmpty()) {
      return after
          + "slots of "
          + names
          + " not reported; see "
          + dir.logFile(ClusterDirectory.JOBMANAGER);
    }
    return after
        + missing.get(0)
        + " did not register; see "
        + dir.logFile(missing.get(0))
        + ClusterDirectory.lastError(dir.logFile(missing.get(0)));
  }
}
