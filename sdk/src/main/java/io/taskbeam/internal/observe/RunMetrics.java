package io.taskbeam.internal.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's task metrics, per task function: submitted, running, finished, failed, retried and
 * cancelled tasks, a task duration histogram, and bytes moved per channel. Counts of finished sync
 * points come from the workers' chunk runs; the sync point in flight adds what the chunks' status
 * files say so far, so the counters move while a pipeline runs.
 */
public final class RunMetrics {
  /** Upper bounds of the duration histogram's buckets, in seconds. */
  static final double[] BUCKETS = {0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800};

  private static final class PerFunction {
    long submitted;
    long finished;
    long failed;
    long retried;
    long cancelled;
    long liveFinished;
    long liveFailed;
    long liveRetried;
    long running;
    final long[] buckets = new long[BUCKETS.length];
    long durationCount;
    double durationSum;
  }

  private final String app;
  private final long startNanos = System.nanoTime();
  private final Map<String, PerFunction> functions = new LinkedHashMap<>();
  private final Map<String, Long> bytes = new TreeMap<>();
  private long cacheHits;
  private long cacheMisses;
  private int syncPoints;
  private Double runSeconds;

  public RunMetrics(String app) {
    this.app = app;
  }

  public synchronized void submitted(String function) {
    of(function).submitted++;
  }

  /** The live state of the sync point in flight, from the chunks' status files. */
  public synchronized void live(List<EventFiles.Status> statuses) {
    for (PerFunction f : functions.values()) {
      f.liveFinished = 0;
      f.liveFailed = 0;
      f.liveRetried = 0;
      f.running = 0;
    }
    for (EventFiles.Status s : statuses) {
      PerFunction f = of(s.function());
      f.liveFinished += s.done() - s.failed();
      f.liveFailed += s.failed();
      f.liveRetried += s.retried();
      f.running += s.running() != null ? 1 : 0;
    }
  }

  /** A finished sync point: its chunk runs replace its live state. */
  public synchronized void syncEnded(List<ChunkRun> runs) {
    syncPoints++;
    for (PerFunction f : functions.values()) {
      f.liveFinished = 0;
      f.liveFailed = 0;
      f.liveRetried = 0;
      f.running = 0;
    }
    for (ChunkRun run : runs) {
      cacheHits += run.cacheHits();
      cacheMisses += run.cacheMisses();
      for (TaskRun t : run.tasks()) {
        PerFunction f = of(t.function());
        f.retried += Math.max(0, t.attempts() - 1);
        switch (t.outcome()) {
          case OK -> f.finished++;
          case CANCELLED -> f.cancelled++;
          default -> f.failed++;
        }
        if (t.outcome() != TaskOutcome.CANCELLED) {
          double seconds = t.durationMicros() / 1e6;
          f.durationCount++;
          f.durationSum += seconds;
          for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
              f.buckets[i]++;
            }
          }
        }
      }
    }
  }

  public synchronized void bytes(String channel, long n) {
    if (n > 0) {
      bytes.merge(channel, n, Long::sum);
    }
  }

  /** Fixes the run's total time, for the push at the end. */
  public synchronized void runEnded(double seconds) {
    runSeconds = seconds;
  }

  /** Tasks finished so far, live ones included. */
  public synchronized long finishedSoFar() {
    return functions.values().stream().mapToLong(f -> f.finished + f.liveFinished).sum();
  }

  /** Everything, for {@code /metrics}. */
  public synchronized String scrape() {
    PrometheusText text = new PrometheusText();
    counters(text);
    text.family("taskbeam_tasks_running", "gauge", "Tasks running now, per task function.");
    functions.forEach((fn, f) -> text.sample("taskbeam_tasks_running", labels(fn), f.running));
    text.family(
        "taskbeam_task_duration_seconds",
        "histogram",
        "Time from a task's start (loading its inputs) to its end, per task function.");
    functions.forEach(
        (fn, f) -> {
          for (int i = 0; i < BUCKETS.length; i++) {
            Map<String, String> l = labels(fn);
            l.put("le", PrometheusText.number(BUCKETS[i]));
            text.sample("taskbeam_task_duration_seconds_bucket", l, f.buckets[i]);
          }
          Map<String, String> inf = labels(fn);
          inf.put("le", "+Inf");
          text.sample("taskbeam_task_duration_seconds_bucket", inf, f.durationCount);
          text.sample("taskbeam_task_duration_seconds_sum", labels(fn), f.durationSum);
          text.sample("taskbeam_task_duration_seconds_count", labels(fn), f.durationCount);
        });
    text.family(
        "taskbeam_bytes_moved_total",
        "counter",
        "Bytes moved by channel: work_dir_read, "
            + "work_dir_write (the work directory), job_graph (values inside the job).");
    bytes.forEach(
        (channel, n) -> {
          Map<String, String> l = app();
          l.put("channel", channel);
          text.sample("taskbeam_bytes_moved_total", l, n);
        });
    text.family(
        "taskbeam_shared_cache_lookups_total",
        "counter",
        "Lookups of shared values in the workers' caches, by result: hit (in the worker's memory) "
            + "or miss (read from the store); from the chunks of finished sync points.");
    for (String result : List.of("hit", "miss")) {
      Map<String, String> l = app();
      l.put("result", result);
      text.sample(
          "taskbeam_shared_cache_lookups_total", l, result.equals("hit") ? cacheHits : cacheMisses);
    }
    text.family("taskbeam_sync_points_total", "counter", "Sync points that ran.");
    text.sample("taskbeam_sync_points_total", app(), syncPoints);
    text.family("taskbeam_run_elapsed_seconds", "gauge", "Seconds since the session started.");
    text.sample("taskbeam_run_elapsed_seconds", app(), (System.nanoTime() - startNanos) / 1e9);
    return text.toString();
  }

  /** What the Pushgateway gets at the end: total time and task counts. */
  public synchronized String pushBody() {
    PrometheusText text = new PrometheusText();
    text.family("taskbeam_run_seconds", "gauge", "Total time of the run, session start to end.");
    text.sample(
        "taskbeam_run_seconds",
        app(),
        runSeconds != null ? runSeconds : (System.nanoTime() - startNanos) / 1e9);
    counters(text);
    return text.toString();
  }

  private void counters(PrometheusText text) {
    counter(
        text,
        "taskbeam_tasks_submitted_total",
        "Tasks submitted, per task function.",
        f -> f.submitted);
    counter(
        text,
        "taskbeam_tasks_finished_total",
        "Tasks that ended normally.",
        f -> f.finished + f.liveFinished);
    counter(
        text,
        "taskbeam_tasks_failed_total",
        "Tasks whose code failed (after retries), " + "whatever their failure policy did next.",
        f -> f.failed + f.liveFailed);
    counter(
        text,
        "taskbeam_tasks_retried_total",
        "Extra attempts made by RETRY tasks.",
        f -> f.retried + f.liveRetried);
    counter(
        text,
        "taskbeam_tasks_cancelled_total",
        "Tasks not run because an input was never computed.",
        f -> f.cancelled);
  }

  private void counter(
      PrometheusText text,
      String name,
      String help,
      java.util.function.ToLongFunction<PerFunction> value) {
    text.family(name, "counter", help);
    functions.forEach((fn, f) -> text.sample(name, labels(fn), value.applyAsLong(f)));
  }

  private Map<String, String> app() {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app", app);
    return l;
  }

  private Map<String, String> labels(String function) {
    Map<String, String> l = app();
    l.put("function", function);
    return l;
  }

  private PerFunction of(String function) {
    return functions.computeIfAbsent(function, k -> new PerFunction());
  }
}
