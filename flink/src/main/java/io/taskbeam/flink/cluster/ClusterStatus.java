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
 */
public record ClusterStatus(
    String restUrl,
    boolean restReachable,
    int taskManagers,
    int slotsTotal,
    int slotsFree,
    int runningJobs,
    List<ProcessInfo> processes) {

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
  }

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
    return out.toString();
  }
}
