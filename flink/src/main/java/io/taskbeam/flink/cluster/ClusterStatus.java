package io.taskbeam.flink.cluster;

import java.util.List;
import java.util.Locale;

/**
 * A snapshot of a local cluster: what its REST API says and how its processes are doing.
 *
 * @param restUrl e.g. {@code http://127.0.0.1:8081}
 * @param restReachable false if {@code /overview} did not answer; the counts are then -1
 * @param taskManagers registered TaskManagers
 * @param slotsTotal slots of all registered TaskManagers
 * @param slotsFree slots not in use
 * @param runningJobs jobs in state RUNNING
 * @param processes every process from the run directory's pid files
 * @param restarts the supervisor's restart and give-up lines (empty without {@code --supervise} or
 *     before its first restart), oldest first
 */
public record ClusterStatus(
    String restUrl,
    boolean restReachable,
    int taskManagers,
    int slotsTotal,
    int slotsFree,
    int runningJobs,
    List<ProcessInfo> processes,
    List<String> restarts) {

  /**
   * One started process.
   *
   * @param name {@code jobmanager} or {@code taskmanager-k} (also the TaskManager's resource id)
   * @param pid the OS process id
   * @param running whether it still runs our command line
   * @param rssBytes resident memory, -1 if unknown or not running
   */
  public record ProcessInfo(String name, long pid, boolean running, long rssBytes) {}

  public ClusterStatus {
    processes = List.copyOf(processes);
    restarts = List.copyOf(restarts);
  }

  /** How many of the last restart lines {@link #format()} shows. */
  static final int RESTARTS_SHOWN = 5;

  /** Human-readable lines, as printed by {@code flink/bin/cluster status}. */
  public String format() {
    StringBuilder out = new StringBuilder();
    if (restReachable) {
      out.append(
          String.format(
              Locale.ROOT,
              "Flink cluster at %s: %d taskmanagers, slots %d total / %d free, %d running jobs%n",
              restUrl,
              taskManagers,
              slotsTotal,
              slotsFree,
              runningJobs));
    } else {
      out.append("Flink cluster at ").append(restUrl).append(": REST API not reachable\n");
    }
    for (ProcessInfo p : processes) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-15s pid %-8d %-8s %s%n",
              p.name(),
              p.pid(),
              p.running() ? "running" : "gone",
              p.rssBytes() < 0 ? "" : "rss " + (p.rssBytes() >> 20) + " MiB"));
    }
    if (!restarts.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  supervisor restarts: %d (log/supervisor.log)%n",
              restarts.stream().filter(l -> l.contains(" restarted ")).count()));
      for (String line :
          restarts.subList(Math.max(0, restarts.size() - RESTARTS_SHOWN), restarts.size())) {
        out.append("    ").append(line).append('\n');
      }
    }
    return out.toString();
  }
}
