package io.taskbeam.internal.observe;

import io.taskbeam.internal.dashboard.ChunkProgress;
import io.taskbeam.internal.dashboard.DashboardAddress;
import io.taskbeam.internal.dashboard.DashboardServer;
import io.taskbeam.internal.dashboard.LiveRun;
import io.taskbeam.internal.dashboard.StoreReads;
import io.taskbeam.internal.dashboard.TaskCall;
import io.taskbeam.internal.dashboard.TaskState;
import io.taskbeam.internal.dashboard.WorkerGauge;
import io.taskbeam.internal.dashboard.WorkerThread;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.spi.WorkerGauges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The observer's events, handed on to the live dashboard in its own terms (the dashboard package
 * knows nothing of this one). Exists only with {@code --dashboard} on; the observer holds none
 * otherwise. While a sync point runs, the chunks' task event files are read as they appear (each
 * once), so the task stream moves before the sync point ends; their times are not clock-aligned
 * yet, which matters only for workers on hosts whose clocks disagree. The poller's thread and the
 * session's thread both read event files; {@link #poll} and {@link #syncEnded} hold the lock, so a
 * poll that outlives the poller's shutdown cannot read a file twice. The runs it parsed are handed
 * to the observer at the sync point's end, so no file is parsed twice.
 *
 * <p>While the dashboard is on, a thread of its own samples the runner's {@link WorkerGauges} (CPU,
 * heap, slots per worker) every {@value #SAMPLE_MILLIS} ms; the sampling stops before the run's
 * record is written, which keeps the last values and peaks for the report.
 */
final class LiveFeed {
  static final long SAMPLE_MILLIS = 1_000;

  private final LiveRun live;
  private final DashboardServer server;
  private final ScheduledExecutorService sampler;

  /**
   * The chunk runs of the sync points running, parsed so far, by file (name order, as the observer
   * reads; each sync point's files lie in a directory of its own).
   */
  private final Map<Path, ChunkRun> seenRuns = new TreeMap<>();

  private LiveFeed(LiveRun live, DashboardServer server, WorkerGauges gauges) {
    this.live = live;
    this.server = server;
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "taskbeam-worker-gauges");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleWithFixedDelay(() -> sample(gauges), 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * The dashboard at {@code address} (from {@link DashboardAddress#parse}), serving now, its
   * workers panel fed from {@code gauges}.
   */
  static LiveFeed start(
      DashboardAddress address,
      String app,
      String runner,
      int parallelism,
      long startMicros,
      WorkerGauges gauges) {
    LiveRun live = new LiveRun(app, runner, parallelism, startMicros);
    return new LiveFeed(live, DashboardServer.start(address, live), gauges);
  }

  /** One sample of the workers; a runner's failure to answer leaves the panel as it was. */
  private void sample(WorkerGauges gauges) {
    try {
      live.workers(translate(gauges.sample()));
    } catch (RuntimeException e) {
      // the next sample tries again; the panel is best effort
    }
  }

  /**
   * The runner's samples in the dashboard's terms; the driver's JVM named as its chunks name it.
   */
  static List<WorkerGauge> translate(List<WorkerGauges.Sample> samples) {
    List<WorkerGauge> out = new ArrayList<>(samples.size());
    for (WorkerGauges.Sample s : samples) {
      WorkerIdentity self = s.process() == null ? WorkerIdentity.current() : null;
      out.add(
          WorkerGauge.sample(
              self != null ? self.process() : s.process(),
              self != null ? self.host() : s.host(),
              s.cpuLoad(),
              s.heapUsed(),
              s.heapMax(),
              s.slots(),
              s.busySlots()));
    }
    return out;
  }

  /**
   * Stops sampling the workers and returns the panel's rows (last values and peaks), for the run's
   * record.
   */
  List<WorkerGauge> stopSampling() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return live.workerGauges();
  }

  String url() {
    return server.url();
  }

  void submitted(String function) {
    live.submitted(function);
  }

  /** A compiled sync point handed to the runner: its tasks (counted, and drawn while few). */
  void syncStarting(
      int sync, List<TaskNode> tasks, List<StageInfo> stages, long startMicros, long runStart) {
    functionEdges(live, stages);
    Map<String, Integer> perFunction = new HashMap<>();
    boolean nodes = live.keepsTaskNodes();
    for (TaskNode t : tasks) {
      perFunction.merge(t.function().shortName(), 1, Integer::sum);
      if (nodes) {
        // the tasks whose results it reads in this job (the versions' producers are settled by
        // the time a job starts: the flush hands the graph on at once)
        long[] ids = t.predecessors().stream().mapToLong(TaskNode::id).sorted().toArray();
        nodes = live.taskNode(t.id(), t.name(), t.function().shortName(), ids);
      }
    }
    live.syncStarting(sync, stages.size(), chunks(stages), startMicros, runStart, perFunction);
  }

  /** Hands {@code live} the edges between task functions that the stages' inputs make. */
  static void functionEdges(LiveRun live, List<StageInfo> stages) {
    Map<Integer, String> stageFunction = new HashMap<>();
    for (StageInfo st : stages) {
      stageFunction.put(st.index(), st.function());
    }
    for (StageInfo st : stages) {
      Set<Integer> from = new HashSet<>(st.sideInputs().values());
      from.addAll(st.mainRoutes().keySet());
      for (int producer : from) {
        String fn = stageFunction.get(producer);
        if (fn != null) {
          live.functionEdge(fn, st.function());
        }
      }
    }
  }

  static int chunks(List<StageInfo> stages) {
    int chunks = 0;
    for (StageInfo st : stages) {
      chunks += st.chunks();
    }
    return chunks;
  }

  /** A poll of sync point {@code sync}: the chunks' statuses, and task events of ended chunks. */
  synchronized void poll(int sync, Path syncDir, List<EventFiles.Status> statuses) {
    List<ChunkProgress> progress = new ArrayList<>(statuses.size());
    for (EventFiles.Status s : statuses) {
      progress.add(
          new ChunkProgress(
              s.stage(),
              s.chunk(),
              s.function(),
              s.done(),
              s.failed(),
              s.running(),
              s.runningSinceMicros()));
    }
    newRuns(syncDir);
    live.progress(sync, progress);
  }

  /**
   * The sync point ended: the task events not read yet, then its end. Returns every chunk run of
   * the sync point, in file name order, for the observer's record; throws (after ending the sync
   * point on the page) when an event file cannot be read, which the observer logs.
   */
  synchronized List<ChunkRun> syncEnded(int sync, Path syncDir, long endMicros, String error) {
    List<ChunkRun> runs = new ArrayList<>();
    try {
      newRuns(syncDir);
    } finally {
      for (java.util.Iterator<Map.Entry<Path, ChunkRun>> it = seenRuns.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Path, ChunkRun> e = it.next();
        if (e.getKey().startsWith(syncDir)) {
          runs.add(e.getValue());
          it.remove();
        }
      }
      live.syncEnded(sync, endMicros, error);
    }
    return runs;
  }

  /** The run ended; the page gets its last state, then the server stops. */
  void close(String failure) {
    sampler.shutdownNow();
    live.end(failure);
    server.close();
  }

  private void newRuns(Path syncDir) {
    for (Path file : EventFiles.runFiles(syncDir)) {
      if (seenRuns.containsKey(file)) {
        continue;
      }
      ChunkRun run = EventFiles.readRun(file);
      seenRuns.put(file, run);
      chunkEnded(live, run);
    }
  }

  /** Hands {@code live} a chunk run: its worker thread and its task calls, in its own terms. */
  static void chunkEnded(LiveRun live, ChunkRun run) {
    WorkerIdentity w = run.worker();
    WorkerThread thread =
        new WorkerThread(
            w.processKey(),
            w.process(),
            w.host(),
            w.threadId() + "/" + w.thread(),
            w.threadLabel());
    List<TaskCall> calls = new ArrayList<>(run.tasks().size());
    for (TaskRun t : run.tasks()) {
      TaskState state =
          t.outcome() == TaskOutcome.CANCELLED
              ? TaskState.CANCELLED
              : t.outcome().failed() ? TaskState.FAILED : TaskState.DONE;
      calls.add(new TaskCall(t.task(), t.function(), t.startMicros(), t.endMicros(), state));
    }
    live.chunkEnded(
        run.sync(),
        run.stage(),
        run.chunk(),
        thread,
        calls,
        new StoreReads(run.cacheHits(), run.cacheMisses(), run.bytesRead()));
  }
}
