package io.taskbeam.internal.report;

import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.WorkerIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows every view of a run shares: hosts, worker processes (TaskManagers, or {@code host:pid})
 * sorted by name, and within each the threads that ran chunks, sorted by subtask. Numbers are
 * 1-based, as Paraver counts.
 */
final class WorkerLayout {
  /** One worker process. */
  record Process(int index, String key, String name, String host, int node, List<Lane> lanes) {}

  /** One thread of a process: a row of the timeline, a Paraver thread and CPU. */
  record Lane(int process, int thread, int global, String name, WorkerIdentity worker) {}

  private final List<String> hosts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Lane> byThread = new LinkedHashMap<>();

  WorkerLayout(List<ChunkRun> runs) {
    Map<String, WorkerIdentity> first = new TreeMap<>();
    Map<String, Map<String, WorkerIdentity>> threads = new TreeMap<>();
    for (ChunkRun r : runs) {
      WorkerIdentity w = r.worker();
      String key = w.processKey();
      first.putIfAbsent(key, w);
      threads.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(threadKey(w), w);
    }
    List<String> keys = new ArrayList<>(first.keySet());
    keys.sort(Comparator.comparing((String k) -> first.get(k).process()).thenComparing(k -> k));
    int global = 0;
    for (String key : keys) {
      WorkerIdentity w = first.get(key);
      if (!hosts.contains(w.host())) {
        hosts.add(w.host());
      }
      List<WorkerIdentity> ts = new ArrayList<>(threads.get(key).values());
      ts.sort(
          Comparator.comparingInt(WorkerIdentity::subtask)
              .thenComparingLong(WorkerIdentity::threadId));
      int p = processes.size() + 1;
      List<Lane> lanes = new ArrayList<>();
      for (WorkerIdentity t : ts) {
        Lane lane = new Lane(p, lanes.size() + 1, ++global, t.threadLabel(), t);
        lanes.add(lane);
        byThread.put(key + "/" + threadKey(t), lane);
      }
      processes.add(
          new Process(
              p,
              key,
              w.taskManager() != null ? w.taskManager() + " (" + key + ")" : key,
              w.host(),
              hosts.indexOf(w.host()) + 1,
              List.copyOf(lanes)));
    }
  }

  List<String> hosts() {
    return hosts;
  }

  List<Process> processes() {
    return processes;
  }

  int laneCount() {
    return byThread.size();
  }

  Lane lane(WorkerIdentity w) {
    return byThread.get(w.processKey() + "/" + threadKey(w));
  }

  private static String threadKey(WorkerIdentity w) {
    return w.threadId() + "/" + w.thread();
  }

  /** Lanes on {@code host}, in order. */
  int lanesOn(String host) {
    return processes.stream()
        .filter(p -> p.host().equals(host))
        .mapToInt(p -> p.lanes().size())
        .sum();
  }
}
