package io.taskbeam.internal.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers panel and the data store panel: per worker process its last CPU, heap and slot sample
 * with the peaks so far ({@link WorkerGauge}, from the runner about once a second), and the shared
 * cache's hits and misses and the bytes read from the store, summed from the chunks that ran there.
 * A fixed number of processes is kept ({@value #WORKER_LIMIT}); later ones are counted in the
 * totals only. Not thread-safe: {@link LiveRun} holds the lock.
 */
final class WorkerPanel {
  /** Worker processes kept apart; reads of later ones count in the totals only. */
  static final int WORKER_LIMIT = 256;

  /** One process: its last gauge (null before the first sample) and its store reads. */
  private static final class Row {
    final String host;
    WorkerGauge gauge;
    long hits;
    long misses;
    long bytesRead;

    Row(String host) {
      this.host = host;
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private long hits;
  private long misses;
  private long bytesRead;

  /** A sample of {@code g.process()}: the last values replace the row's, the peaks grow. */
  void sample(WorkerGauge g) {
    Row row = row(g.process(), g.host());
    if (row == null) {
      return;
    }
    WorkerGauge was = row.gauge;
    row.gauge =
        was == null
            ? g
            : new WorkerGauge(
                g.process(),
                g.host(),
                g.cpuLoad(),
                g.heapUsed(),
                g.heapMax(),
                Math.max(was.peakCpuLoad(), g.peakCpuLoad()),
                Math.max(was.peakHeapUsed(), g.peakHeapUsed()),
                g.slots(),
                g.busySlots());
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

  /** The rows with a sample, for the run's record. */
  List<WorkerGauge> gauges() {
    List<WorkerGauge> out = new ArrayList<>();
    for (Row r : rows.values()) {
      if (r.gauge != null) {
        out.add(r.gauge);
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
          .member("slotsFrom", threads ? "threads" : "runner")
          .endObject();
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
