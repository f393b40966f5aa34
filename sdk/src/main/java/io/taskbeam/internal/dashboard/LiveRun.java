package io.taskbeam.internal.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dashboard shows, kept up to date by the run's observer from the events it already gets
 * (a task submitted, a sync point starting, the chunks' status files, the chunks' task events, the
 * end): counts per task function, the sync points, the first failure, the task stream and the task
 * graph. Nothing is kept per task beyond the bounded views ({@link TaskStream}, {@link
 * TaskGraphView}); a submitted task costs one counter update.
 *
 * <p>Several sync points (jobs) may run at once ({@code --pipelined}): each keeps its own tasks,
 * ended chunks and last progress, and the live counts are the sum over those running.
 *
 * <p>Every method holds the object's lock; the page's streams read a snapshot ({@link #message})
 * and never block the observer for longer than it takes to write it.
 */
public final class LiveRun {
  /** Sync points listed (the latest ones); the count of all of them is kept. */
  static final int SYNC_LIMIT = 100;

  /** Running tasks listed. */
  static final int RUNNING_LIMIT = 64;

  /** One state message for the page, and what the client has seen once it got it. */
  record Message(String json, long nextBar, long graphVersion) {}

  /**
   * One task function's counts. {@code done}, {@code failed}, {@code cancelled}: from ended chunks'
   * task events; {@code live*} and {@code running}: from the status files of chunks still running,
   * summed over the sync points running at each poll.
   */
  private static final class Counts {
    /** Order of first submission: the function's colour and its index in task bars. */
    final int index;

    long submitted;
    long done;
    long failed;
    long cancelled;
    long liveDone;
    long liveFailed;
    long running;

    Counts(int index) {
      this.index = index;
    }

    long waiting() {
      return Math.max(0, submitted - done - failed - cancelled - liveDone - liveFailed - running);
    }
  }

  private static final class SyncRow {
    final int sync;
    final int tasks;
    final int stages;
    final int chunks;
    final long startMicros;
    final long runStartMicros;
    long firstTaskMicros = Long.MAX_VALUE;
    long lastTaskMicros = Long.MIN_VALUE;
    long endMicros = -1;
    String error;

    /** Its tasks per function, and of them those that showed up in task events. */
    final Map<String, long[]> inSync = new LinkedHashMap<>();

    final Set<Long> endedChunks = new HashSet<>();
    List<ChunkProgress> live = List.of();

    SyncRow(int sync, int tasks, int stages, int chunks, long startMicros, long runStartMicros) {
      this.sync = sync;
      this.tasks = tasks;
      this.stages = stages;
      this.chunks = chunks;
      this.startMicros = startMicros;
      this.runStartMicros = runStartMicros;
    }
  }

  private record Running(String task, String function, long sinceMicros) {}

  private final String app;
  private final String runner;
  private final int parallelism;
  private final long originMicros;
  private final Map<String, Counts> functions = new LinkedHashMap<>();
  private final ArrayDeque<SyncRow> syncs = new ArrayDeque<>();

  /** The sync points running now, in the order they started. */
  private final Map<Integer, SyncRow> open = new LinkedHashMap<>();

  private final TaskStream stream = new TaskStream();
  private final TaskGraphView graph = new TaskGraphView();
  private final WorkerPanel panel = new WorkerPanel();
  private List<Running> running = List.of();
  private String lastFunction;
  private Counts lastCounts;
  private int lastSync;
  private int syncCount;
  private String failure;
  private String failedTask;
  private boolean ended;
  private long version;

  /**
   * @param originMicros the run's start, epoch microseconds; the page's times count from it
   */
  public LiveRun(String app, String runner, int parallelism, long originMicros) {
    this.app = app;
    this.runner = runner;
    this.parallelism = parallelism;
    this.originMicros = originMicros;
  }

  /** A task was submitted: one counter (the hot path of a million-task run). */
  public synchronized void submitted(String function) {
    counts(function).submitted++;
    version++;
  }

  /** {@code count} tasks of {@code function} were submitted (a run record replayed at close). */
  public synchronized void submitted(String function, long count) {
    counts(function).submitted += count;
    version++;
  }

  /**
   * The caller cannot hand every task over (the run record kept the detail of the first tasks
   * only): the graph shows the per-function view, not a part of the tasks that looks like all.
   */
  public synchronized void dropTaskNodes() {
    graph.aggregate();
  }

  /**
   * Whether the task graph still keeps task nodes; if not, {@link #taskNode} need not be called.
   */
  public synchronized boolean keepsTaskNodes() {
    return graph.keepsTasks();
  }

  /**
   * A task of the sync point being compiled, with the ids of the tasks it reads from; returns
   * whether the graph still keeps task nodes (past its limit the caller stops calling).
   */
  public synchronized boolean taskNode(long id, String name, String function, long[] producers) {
    graph.add(id, name, counts(function).index, producers);
    return graph.keepsTasks();
  }

  /** Results of {@code from}'s tasks feed {@code to}'s tasks (from the plan's stages). */
  public synchronized void functionEdge(String from, String to) {
    graph.functionEdge(counts(from).index, counts(to).index);
  }

  /**
   * A sync point handed to the runner.
   *
   * @param tasksPerFunction its tasks, counted per function
   */
  public synchronized void syncStarting(
      int sync,
      int stages,
      int chunks,
      long startMicros,
      long runStartMicros,
      Map<String, Integer> tasksPerFunction) {
    int tasks = tasksPerFunction.values().stream().mapToInt(Integer::intValue).sum();
    SyncRow current = new SyncRow(sync, tasks, stages, chunks, startMicros, runStartMicros);
    for (Map.Entry<String, Integer> e : tasksPerFunction.entrySet()) {
      counts(e.getKey()); // the function's colour follows its first sync point
      current.inSync.put(e.getKey(), new long[] {e.getValue(), 0});
    }
    open.put(sync, current);
    lastSync = sync;
    syncs.addLast(current);
    if (syncs.size() > SYNC_LIMIT) {
      syncs.removeFirst();
    }
    syncCount++;
    version++;
  }

  /** The chunks' status files of the sync point that started last, read again. */
  public synchronized void progress(List<ChunkProgress> chunks) {
    progress(lastSync, chunks);
  }

  /**
   * The chunks' status files of sync point {@code sync}, read again: with those of the other sync
   * points running, the live counts of chunks still running.
   */
  public synchronized void progress(int sync, List<ChunkProgress> chunks) {
    SyncRow row = open.get(sync);
    if (row != null) {
      row.live = List.copyOf(chunks);
      liveCounts();
    }
  }

  /** The live counts and running tasks, from the last progress of each sync point running. */
  private void liveCounts() {
    for (Counts c : functions.values()) {
      c.liveDone = 0;
      c.liveFailed = 0;
      c.running = 0;
    }
    List<Running> now = new ArrayList<>();
    for (SyncRow row : open.values()) {
      for (ChunkProgress p : row.live) {
        if (row.endedChunks.contains(chunkKey(p.stage(), p.chunk()))) {
          continue;
        }
        Counts c = counts(p.function());
        c.liveDone += p.done() - p.failed();
        c.liveFailed += p.failed();
        if (p.running() != null) {
          c.running++;
          graph.state(p.running(), TaskState.RUNNING);
          if (now.size() < RUNNING_LIMIT) {
            now.add(new Running(p.running(), p.function(), p.runningSinceMicros() - originMicros));
          }
        }
      }
    }
    running = List.copyOf(now);
    version++;
  }

  /** A chunk of the sync point that started last ended on {@code thread}, making {@code calls}. */
  public synchronized void chunkEnded(
      int stage, int chunk, WorkerThread thread, List<TaskCall> calls) {
    chunkEnded(lastSync, stage, chunk, thread, calls, StoreReads.NONE);
  }

  /**
   * A chunk of the sync point that started last ended on {@code thread}, having made {@code calls}
   * and read {@code reads} from the data store.
   */
  public synchronized void chunkEnded(
      int stage, int chunk, WorkerThread thread, List<TaskCall> calls, StoreReads reads) {
    chunkEnded(lastSync, stage, chunk, thread, calls, reads);
  }

  /**
   * A chunk of sync point {@code sync} ended on {@code thread}, having made {@code calls} and read
   * {@code reads} from the data store.
   */
  public synchronized void chunkEnded(
      int sync, int stage, int chunk, WorkerThread thread, List<TaskCall> calls, StoreReads reads) {
    SyncRow current = open.get(sync);
    panel.reads(thread.processName(), thread.host(), reads);
    if (current != null) {
      current.endedChunks.add(chunkKey(stage, chunk));
    }
    int lane =
        stream.lane(
            thread.processKey(),
            thread.processName(),
            thread.host(),
            thread.threadKey(),
            thread.label());
    for (TaskCall call : calls) {
      Counts c = counts(call.function());
      switch (call.state()) {
        case FAILED -> {
          c.failed++;
          if (failedTask == null) {
            failedTask = call.task();
          }
        }
        case CANCELLED -> c.cancelled++;
        default -> c.done++;
      }
      if (current != null) {
        current.inSync.computeIfAbsent(call.function(), f -> new long[2])[1]++;
      }
      graph.state(call.task(), call.state());
      long from = call.startMicros() - originMicros;
      long to = call.endMicros() - originMicros;
      stream.add(thread.processKey(), lane, c.index, call.task(), from, to, call.state());
      if (current != null && call.state() != TaskState.CANCELLED) {
        current.firstTaskMicros = Math.min(current.firstTaskMicros, call.startMicros());
        current.lastTaskMicros = Math.max(current.lastTaskMicros, call.endMicros());
      }
    }
    version++;
  }

  /** The sync point that started last ended ({@code error} if it failed). */
  public synchronized void syncEnded(long endMicros, String error) {
    syncEnded(lastSync, endMicros, error);
  }

  /**
   * Sync point {@code sync} ended ({@code error} if it failed). Its tasks that left no event are
   * counted as done when it succeeded (their chunk's events were lost) and as cancelled when it
   * failed (the job stopped before running them).
   */
  public synchronized void syncEnded(int sync, long endMicros, String error) {
    SyncRow current = open.remove(sync);
    if (current != null) {
      current.inSync.forEach(
          (function, n) -> {
            long rest = n[0] - n[1];
            if (rest > 0) {
              if (error == null) {
                counts(function).done += rest;
              } else {
                counts(function).cancelled += rest;
              }
            }
          });
      current.inSync.clear();
      current.endedChunks.clear();
      current.live = List.of();
    }
    liveCounts();
    if (current != null) {
      current.endMicros = endMicros;
      current.error = error;
    }
    if (error != null && failure == null) {
      failure = current == null ? error : "sync point " + current.sync + ": " + error;
    }
    version++;
  }

  /**
   * The workers' CPU, heap and slots now (the runner's sample), or their last values and peaks when
   * a finished run's record is played back.
   */
  public synchronized void workers(List<WorkerGauge> gauges) {
    for (WorkerGauge g : gauges) {
      panel.sample(g);
    }
    version++;
  }

  /** The workers panel's rows: last values and peaks per sampled process, for the run's record. */
  public synchronized List<WorkerGauge> workerGauges() {
    return panel.gauges();
  }

  /** The run ended, with {@code failure} if it failed (kept only if no sync point failed first). */
  public synchronized void end(String failure) {
    if (failure != null && this.failure == null) {
      this.failure = failure;
    }
    ended = true;
    version++;
  }

  synchronized long version() {
    return version;
  }

  synchronized boolean ended() {
    return ended;
  }

  /**
   * The run's report: the dashboard's page frozen with the state it shows at {@code endMicros},
   * plus the report's own sections ({@code reportJson}, one JSON object the page renders under its
   * {@code report} member). The page needs no server and nothing from the network.
   */
  public synchronized String frozenPage(long endMicros, String reportJson) {
    return DashboardPage.frozen(state(0, -1, endMicros, reportJson).json());
  }

  /** Everything, with the task bars from {@code fromBar} on and the graph's structure if new. */
  synchronized Message message(long fromBar, long knownGraphVersion, long nowMicros) {
    return state(fromBar, knownGraphVersion, nowMicros, null);
  }

  /**
   * How many entries the state holds in its collections that could grow with the run: the test of
   * the dashboard's memory bound counts them after feeding many tasks.
   */
  synchronized Retained retained() {
    return new Retained(
        functions.size(),
        syncs.size(),
        open.values().stream().mapToInt(r -> r.endedChunks.size()).sum(),
        running.size(),
        stream.retainedBars(),
        stream.retainedLanes(),
        graph.retainedEntries(),
        panel.retained());
  }

  /** Entry counts of {@link #retained()}. */
  record Retained(
      int functions,
      int syncs,
      int endedChunks,
      int running,
      int bars,
      int lanes,
      int graphEntries,
      int workerRows) {}

  private Message state(long fromBar, long knownGraphVersion, long nowMicros, String reportJson) {
    JsonWriter json = new JsonWriter().beginObject();
    json.member("app", app).member("runner", runner).member("parallelism", parallelism);
    json.member("elapsedMicros", nowMicros - originMicros);
    json.member("status", ended ? (failure == null ? "finished" : "failed") : "running");
    json.member("failure", failure).member("failedTask", failedTask);
    Counts total = new Counts(-1);
    json.name("functions").beginArray();
    for (Map.Entry<String, Counts> e : functions.entrySet()) {
      Counts c = e.getValue();
      json.beginObject().member("name", e.getKey()).member("colour", Palette.colour(c.index));
      counts(json, c);
      json.endObject();
      total.submitted += c.submitted;
      total.done += c.done;
      total.liveDone += c.liveDone;
      total.failed += c.failed;
      total.liveFailed += c.liveFailed;
      total.cancelled += c.cancelled;
      total.running += c.running;
    }
    json.endArray();
    json.name("totals").beginObject();
    counts(json, total);
    json.endObject();
    json.member("syncCount", syncCount);
    json.name("syncs").beginArray();
    for (SyncRow s : syncs) {
      sync(json, s, nowMicros);
    }
    json.endArray();
    json.name("running").beginArray();
    for (Running r : running) {
      json.beginObject()
          .member("task", r.task())
          .member("function", r.function())
          .member("sinceMicros", r.sinceMicros())
          .endObject();
    }
    json.endArray();
    stream.write(json, fromBar);
    panel.write(json, parallelism, ended ? 0 : total.running);
    graph.write(json, knownGraphVersion);
    if (reportJson != null) {
      json.name("report").raw(reportJson);
    }
    json.endObject();
    return new Message(json.toString(), stream.next(), graph.version());
  }

  private static void counts(JsonWriter json, Counts c) {
    json.member("submitted", c.submitted)
        .member("waiting", c.waiting())
        .member("running", c.running)
        .member("done", c.done + c.liveDone)
        .member("failed", c.failed + c.liveFailed)
        .member("cancelled", c.cancelled);
  }

  /** A sync point's row: its size and where its time went (compile, wait, tasks, finish). */
  private void sync(JsonWriter json, SyncRow s, long nowMicros) {
    long end = s.endMicros < 0 ? nowMicros : s.endMicros;
    boolean ran = s.firstTaskMicros != Long.MAX_VALUE;
    json.beginObject()
        .member("sync", s.sync)
        .member("tasks", s.tasks)
        .member("stages", s.stages)
        .member("chunks", s.chunks)
        .member("running", s.endMicros < 0)
        .member("error", s.error)
        .member("startMicros", s.startMicros - originMicros)
        .member("totalMicros", end - s.startMicros)
        .member("compileMicros", s.runStartMicros - s.startMicros)
        .member("waitMicros", ran ? s.firstTaskMicros - s.runStartMicros : end - s.runStartMicros)
        .member("taskMicros", ran ? s.lastTaskMicros - s.firstTaskMicros : 0)
        .member("finishMicros", ran ? Math.max(0, end - s.lastTaskMicros) : 0)
        .endObject();
  }

  private Counts counts(String function) {
    if (function.equals(lastFunction)) {
      return lastCounts;
    }
    Counts c = functions.get(function);
    if (c == null) {
      c = new Counts(functions.size());
      functions.put(function, c);
    }
    lastFunction = function;
    lastCounts = c;
    return c;
  }

  private static long chunkKey(int stage, int chunk) {
    return ((long) stage << 32) | (chunk & 0xffffffffL);
  }
}
