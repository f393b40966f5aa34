package io.taskbeam.internal.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers panel and the data store panel: per worker process its last CPU, heap and slot sample
 * with the peaks so far ({@link WorkerGauge}, from the runner about once a second), and the shared
 * cache's hits and misses and the bytes read from the store, summed from the chunks that ran there.
 * A fixed number of processes is kept ({@value #WORKER_LIMIT}), each with a ring of its last
 * {@value #HISTORY} samples for the page's sparkline; reads of later processes are counted in the
 * totals only. Not thread-safe: {@link LiveRun} holds the lock.
 */
final class WorkerPanel {
  /** Worker processes kept apart; reads of later ones count in the totals only. */
  static final int WORKER_LIMIT = 256;

  /** Samples kept per process: a minute at one sample a second. */
  static final int HISTORY = 60;

  /**
   * One process: its last gauge (null before the first sample, its history left empty), the ring of
   * its last samples, and its store reads.
   */
  private static final class Row {
    final String host;
    final long[] cpuRing = new long[HISTORY];
    final long[] heapRing = new long[HISTORY];
    long samples;
    WorkerGauge gauge;
    long hits;
    long misses;
    long bytesRead;

    Row(String host) {
      this.host = host;
    }

    void push(long cpuPermille, long heapUsed) {
      int at = (int) (samples % HISTORY);
      cpuRing[at] = cpuPermille;
      heapRing[at] = heapUsed;
      samples++;
    }

    List<Long> history(long[] ring) {
      List<Long> out = new ArrayList<>(HISTORY);
      for (long seq = Math.max(0, samples - HISTORY); seq < samples; seq++) {
        out.add(ring[(int) (seq % HISTORY)]);
      }
      return out;
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private long hits;
  private long misses;
  private long bytesRead;

  /**
   * A sample of {@code g.process()}: the last values replace the row's, the peaks grow, and the
   * ring gets the values; a row with a history (a finished run's record) brings its ring along.
   */
  void sample(WorkerGauge g) {
    Row row = row(g.process(), g.host());
    if (row == null) {
      return;
    }
    if (g.heapHistory().isEmpty()) {
      row.push(permille(g.cpuLoad()), g.heapUsed());
    }
    for (int i = 0; i < g.heapHistory().size(); i++) {
      row.push(i < g.cpuHistory().size() ? g.cpuHistory().get(i) : -1, g.heapHistory().get(i));
    }
    row.gauge = g.after(row.gauge, List.of(), List.of());
  }

  /** What a chunk that ran in {@code process} read from the store. */
  void reads(String process, String host, StoreReads r) {
    hits += r.cacheHits();
    misses += r.cacheMisses();
    bytesRead += r.bytesRead();
    Row row = row(process, host);
    if (row != null) {
      row.hits += r.cacheHits();
      row.misses += r.cacheMisses();
      row.bytesRead += r.bytesRead();
    }
  }

  /** The rows with a sample and their history, for the run's record. */
  List<WorkerGauge> gauges() {
    List<WorkerGauge> out = new ArrayList<>();
    for (Row r : rows.values()) {
      WorkerGauge g = r.gauge;
      if (g != null) {
        out.add(g.after(null, r.history(r.cpuRing), r.history(r.heapRing)));
      }
    }
    return out;
  }

  /** Processes held (at most {@value #WORKER_LIMIT}). */
  int retained() {
    return rows.size();
  }

  /**
   * The panels' members: {@code gauges} (one per sampled process) and {@code store} (totals and one
   * entry per process that read). A process sampled without slots (the driver's JVM, whose threads
   * are the workers) is shown with {@code parallelism} slots, {@code runningTasks} busy.
   */
  void write(JsonWriter json, int parallelism, long runningTasks) {
    json.name("gauges").beginArray();
    for (Row r : rows.values()) {
      WorkerGauge g = r.gauge;
      if (g == null) {
        continue;
      }
      boolean threads = g.slots() < 0;
      json.beginObject()
          .member("process", g.process())
          .member("host", g.host() != null ? g.host() : r.host)
          .member("cpuPermille", permille(g.cpuLoad()))
          .member("peakCpuPermille", permille(g.peakCpuLoad()))
          .member("heapUsed", g.heapUsed())
          .member("peakHeapUsed", g.peakHeapUsed())
          .member("heapMax", g.heapMax())
          .member("slots", threads ? parallelism : g.slots())
          .member("busySlots", threads ? Math.min(parallelism, runningTasks) : g.busySlots())
          .member("slotsFrom", threads ? "threads" : "runner");
      numbers(json, "cpuHistory", r.history(r.cpuRing));
      numbers(json, "heapHistory", r.history(r.heapRing));
      json.endObject();
    }
    json.endArray();
    json.name("store").beginObject();
    json.member("cacheHits", hits).member("cacheMisses", misses).member("bytesRead", bytesRead);
    json.member("hitPermille", hitPermille(hits, misses));
    json.name("workers").beginArray();
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      if (r.hits + r.misses + r.bytesRead == 0) {
        continue;
      }
      json.beginObject()
          .member("process", e.getKey())
          .member("host", r.host)
          .member("cacheHits", r.hits)
          .member("cacheMisses", r.misses)
          .member("hitPermille", hitPermille(r.hits, r.misses))
          .member("bytesRead", r.bytesRead)
          .endObject();
    }
    json.endArray().endObject();
  }

  private static void numbers(JsonWriter json, String name, List<Long> values) {
    json.name(name).beginArray();
    for (long v : values) {
      json.value(v);
    }
    json.endArray();
  }

  /** Hits per thousand lookups, or -1 when there was none. */
  static long hitPermille(long hits, long misses) {
    long lookups = hits + misses;
    return lookups == 0 ? -1 : Math.round(1000.0 * hits / lookups);
  }

  private static long permille(double load) {
    return load < 0 ? -1 : Math.round(1000 * Math.min(1, load));
  }

  private Row row(String process, String host) {
    Row row = rows.get(process);
    if (row == null && rows.size() < WORKER_LIMIT) {
      row = new Row(host);
      rows.put(process, row);
    }
    return row;
  }
}
