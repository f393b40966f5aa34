package io.taskbeam.internal.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task stream: one lane per worker thread that ran tasks, one bar per task call, kept in a ring
 * of the last {@value #BAR_CAPACITY} calls (Dask's task stream keeps a ring too); older bars are
 * dropped and counted. Lanes and workers stop growing at {@value #LANE_LIMIT}; threads past it
 * share one last lane. Not thread-safe: {@link LiveRun} holds the lock.
 */
final class TaskStream {
  /** Task calls the stream keeps (about 60 bytes each, plus the task's name). */
  static final int BAR_CAPACITY = 10_000;

  /** Lanes (worker threads) and worker processes kept apart; later ones are merged. */
  static final int LANE_LIMIT = 256;

  /** One worker process: its lanes, tasks run and busy time. */
  static final class Worker {
    final String name;
    final String host;
    int lanes;
    long tasks;
    long busyMicros;

    Worker(String name, String host) {
      this.name = name;
      this.host = host;
    }
  }

  private final Map<String, Integer> laneByKey = new LinkedHashMap<>();
  private final String[] laneLabel = new String[LANE_LIMIT];
  private final String[] laneProcess = new String[LANE_LIMIT];
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final int[] lane = new int[BAR_CAPACITY];
  private final int[] function = new int[BAR_CAPACITY];
  private final long[] start = new long[BAR_CAPACITY];
  private final long[] end = new long[BAR_CAPACITY];
  private final char[] state = new char[BAR_CAPACITY];
  private final String[] task = new String[BAR_CAPACITY];
  private long next;

  /**
   * The lane of a worker thread, made on first sight.
   *
   * @param processKey unique per worker process ({@code host:pid})
   * @param processName what the page calls the process (a Flink TaskManager's id, or host:pid)
   * @param threadKey unique per thread within the process
   * @param threadLabel what the page calls the thread
   */
  int lane(String processKey, String processName, String host, String threadKey, String label) {
    String key = processKey + "/" + threadKey;
    Integer known = laneByKey.get(key);
    if (known != null) {
      return known;
    }
    if (laneByKey.size() == LANE_LIMIT - 1) {
      laneLabel[LANE_LIMIT - 1] = "other threads";
      laneProcess[LANE_LIMIT - 1] = "other";
    }
    if (laneByKey.size() >= LANE_LIMIT - 1) {
      return LANE_LIMIT - 1;
    }
    int index = laneByKey.size();
    laneByKey.put(key, index);
    laneLabel[index] = label;
    laneProcess[index] = processName;
    Worker w = workers.get(processKey);
    if (w == null && workers.size() < LANE_LIMIT) {
      w = new Worker(processName, host);
      workers.put(processKey, w);
    }
    if (w != null) {
      w.lanes++;
    }
    return index;
  }

  /** A task call that ended; times are microseconds since the run started. */
  void add(String processKey, int laneIndex, int fn, String name, long from, long to, TaskState s) {
    int at = (int) (next % BAR_CAPACITY);
    lane[at] = laneIndex;
    function[at] = fn;
    start[at] = from;
    end[at] = to;
    state[at] = s.code;
    task[at] = name;
    next++;
    Worker w = workers.get(processKey);
    if (w != null && s != TaskState.CANCELLED) {
      w.tasks++;
      w.busyMicros += Math.max(0, to - from);
    }
  }

  /** Sequence number the next bar gets; a client that has seen bars up to it asks from there. */
  long next() {
    return next;
  }

  /**
   * Lanes, workers, and the bars from sequence number {@code from} on (what the ring still has).
   */
  void write(JsonWriter json, long from) {
    json.name("lanes").beginArray();
    for (int i = 0; i < laneCount(); i++) {
      json.beginObject()
          .member("process", laneProcess[i])
          .member("label", laneLabel[i])
          .endObject();
    }
    json.endArray();
    json.name("workers").beginArray();
    for (Worker w : workers.values()) {
      json.beginObject()
          .member("process", w.name)
          .member("host", w.host)
          .member("lanes", w.lanes)
          .member("tasks", w.tasks)
          .member("busyMicros", w.busyMicros)
          .endObject();
    }
    json.endArray();
    long first = Math.max(Math.max(0, from), next - BAR_CAPACITY);
    json.name("bars").beginObject().member("from", first).member("next", next);
    json.member("dropped", Math.max(0, next - BAR_CAPACITY));
    json.name("items").beginArray();
    for (long seq = first; seq < next; seq++) {
      int at = (int) (seq % BAR_CAPACITY);
      json.beginArray()
          .value(lane[at])
          .value(function[at])
          .value(start[at])
          .value(end[at])
          .value(String.valueOf(state[at]))
          .value(task[at])
          .endArray();
    }
    json.endArray().endObject();
  }

  /** Bars held now (at most {@value #BAR_CAPACITY}). */
  int retainedBars() {
    int held = 0;
    for (String name : task) {
      held += name == null ? 0 : 1;
    }
    return held;
  }

  /** Lane keys and workers held. */
  int retainedLanes() {
    return laneByKey.size() + workers.size();
  }

  private int laneCount() {
    return laneLabel[LANE_LIMIT - 1] != null ? LANE_LIMIT : laneByKey.size();
  }
}
