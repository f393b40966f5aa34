package io.taskbeam.internal.observe;

import io.taskbeam.ExplainStop;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.dashboard.DashboardAddress;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.IoCounter;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Stage;
import io.taskbeam.spi.WorkerGauges;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.ApplicationNameOptions;

/**
 * The driver's side of seeing what ran. A session calls it at submit, around each sync point and at
 * the end; it keeps the {@link RunRecord}, serves {@code /metrics}, polls the chunks' status files
 * for progress while a pipeline runs, collects their task events after it, and at the end hands the
 * record to the run directory's writers and pushes the totals. With {@code --dashboard} on it also
 * hands every event to the live dashboard ({@link LiveFeed}).
 */
public final class RunObserver implements SyncListener {
  /** Writes the run directory's files from the record; returns lines for the log. */
  public interface Writer {
    List<String> write(RunRecord record, RunDirectory dir, boolean ran);
  }

  private static final long POLL_MILLIS = 250;

  private final TaskBeamOptions options;
  private final Path sessionDir;
  private final Writer writer;
  private final PrintStream err;
  private final RunDirectory dir;
  private final RunRecord record;
  private final RunMetrics metrics;
  private final MetricsServer server;
  private final PushGateway gateway;
  private final Progress progress;
  private final LiveFeed live;
  private final Map<String, Long> producers = new HashMap<>();
  private final long[] driverIoAtStart = IoCounter.snapshot();
  private final long startNanos = System.nanoTime();
  private ScheduledExecutorService poller;

  /** The sync points running now ({@code --pipelined} may run several), by number. */
  private final Map<Integer, Following> running =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private boolean closed;

  /** A sync point being followed: what it compiled to, and when it started (nanoTime). */
  private record Following(SyncInfo info, Path syncDir, long startNanos) {}

  private RunObserver(
      TaskBeamOptions options,
      String runner,
      int parallelism,
      Path sessionDir,
      WorkerGauges gauges,
      Writer writer,
      PrintStream err) {
    this.options = options;
    this.sessionDir = sessionDir;
    this.writer = writer;
    this.err = err;
    String app = options.as(ApplicationNameOptions.class).getAppName();
    this.gateway =
        options.getPushgateway() == null ? null : PushGateway.of(options.getPushgateway());
    this.progress =
        new Progress(
            Progress.Mode.of(options.getProgress(), System.console() != null),
            options.getProgressInterval(),
            err);
    if (options.getMetricsPort() < -1 || options.getMetricsPort() > 65535) {
      throw new IllegalArgumentException(
          "--metricsPort must be a port (0 for any free one, -1 "
              + "for none); got "
              + options.getMetricsPort());
    }
    if (options.getKeepRuns() < 0) {
      throw new IllegalArgumentException(
          "--keepRuns must be 0 (keep all) or a positive count; got " + options.getKeepRuns());
    }
    if (options.getTaskDetailLimit() < 0) {
      throw new IllegalArgumentException(
          "--taskDetailLimit must be 0 (no per-task detail) or a positive count of tasks; got "
              + options.getTaskDetailLimit());
    }
    DashboardAddress dashboard =
        DashboardAddress.parse(options.getDashboard(), options.getDashboardTls());
    this.dir = RunDirectory.create(Path.of(options.getRunsDir()), app);
    RunDirectory.prune(Path.of(options.getRunsDir()), options.getKeepRuns(), dir.path());
    FailureLog.follow(sessionDir, dir.path());
    this.record =
        new RunRecord(
            app,
            runner,
            parallelism,
            dir.path(),
            EventClock.nowMicros(),
            options.getTaskDetailLimit());
    this.metrics = new RunMetrics(app);
    this.server =
        options.getMetricsPort() < 0
            ? null
            : MetricsServer.start(
                options.getMetricsAddress(), options.getMetricsPort(), metrics::scrape);
    try {
      this.live =
          dashboard == null
              ? null
              : LiveFeed.start(dashboard, app, runner, parallelism, record.startMicros(), gauges);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
    err.println("taskbeam: run directory " + dir.path());
    dir.log(
        "start "
            + app
            + " on "
            + record.runner()
            + ", parallelism "
            + parallelism
            + ", work directory "
            + sessionDir);
    if (server != null) {
      err.println("taskbeam: metrics at " + server.url());
      dir.log("metrics at " + server.url());
    }
    if (live != null) {
      err.println("taskbeam: dashboard " + live.url());
      dir.log("dashboard at " + live.url().replaceFirst("token=.*", "token=(printed at start)"));
    }
  }

  /**
   * The observer of a new session on {@code runner} (its name for reports), or {@link
   * SyncListener#NONE} when {@code --observe=false}; {@code gauges} feed the dashboard's workers
   * panel while the dashboard is on.
   */
  public static SyncListener start(
      TaskBeamOptions options,
      String runner,
      int parallelism,
      Path sessionDir,
      WorkerGauges gauges,
      Writer writer) {
    return options.getObserve()
        ? new RunObserver(options, runner, parallelism, sessionDir, gauges, writer, System.err)
        : SyncListener.NONE;
  }

  @Override
  public Path runDirectory() {
    return record.runDir();
  }

  public RunRecord record() {
    return record;
  }

  /** The {@code /metrics} URL, or null. */
  public String metricsUrl() {
    return server == null ? null : server.url();
  }

  @Override
  public void submitted(TaskNode task) {
    metrics.submitted(task.function().shortName());
    record.addFunction(task.function().shortName());
    if (live != null) {
      live.submitted(task.function().shortName());
    }
  }

  @Override
  public void check(String what, boolean passed) {
    record.addCheck(new RunRecord.Check(what, passed));
    dir.log("check " + (passed ? "OK" : "FAILED") + ": " + what);
  }

  /** Records a compiled sync point and starts following it. */
  @Override
  public void syncStarting(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    SyncInfo current = compiled(sync, tasks, keep, plan, startMicros);
    Path syncDir = EventFiles.syncDir(sessionDir, sync);
    if (live != null) {
      live.syncStarting(sync, tasks, current.stages(), startMicros, current.runStartMicros());
    }
    running.put(sync, new Following(current, syncDir, System.nanoTime()));
    if (poller == null) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "taskbeam-progress");
                t.setDaemon(true);
                return t;
              });
      poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Records the sync point and writes the graph and plan files; the run ends here. */
  @Override
  public Path explained(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    record.addSync(compiled(sync, tasks, keep, plan, startMicros));
    record.end(EventClock.nowMicros());
    for (String line : writer.write(record, dir, false)) {
      dir.log(line);
    }
    closed = true;
    if (server != null) {
      server.close();
    }
    if (live != null) {
      live.close(null);
    }
    dir.log("--explain: stopped before running");
    return dir.path();
  }

  private SyncInfo compiled(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    Map<String, int[]> placement = new HashMap<>();
    List<StageInfo> stages = new ArrayList<>();
    long jobGraphBytes = 0;
    for (Stage s : plan.stages()) {
      List<Integer> chunkTasks = new ArrayList<>();
      Map<String, Integer> emittedBy = new HashMap<>();
      for (ChunkSpec c : s.chunks()) {
        chunkTasks.add(c.calls().size());
        c.emitKeys().forEach(k -> emittedBy.put(k, c.index()));
        for (CallSpec call : c.calls()) {
          placement.put(call.taskName(), new int[] {s.index(), c.index()});
          for (ArgSource a : call.args()) {
            jobGraphBytes += a.inline() == null ? 0 : a.inline().length;
          }
        }
      }
      for (DriverValue v : s.driverSide().values()) {
        jobGraphBytes += v.inlineBytes();
      }
      stages.add(
          new StageInfo(
              sync,
              s.index(),
              s.name(),
              s.function().shortName(),
              s.depth(),
              chunkTasks,
              s.sideInputs(),
              s.mainRoutes(),
              emittedBy));
    }
    for (TaskNode t : tasks) {
      if (!record.keepsTaskDetail()) {
        // Past --taskDetailLimit: totals only, and no producers for edges that are never drawn.
        record.countTask(t.function().shortName());
        continue;
      }
      List<TaskInfo.Input> inputs = new ArrayList<>();
      for (int i = 0; i < t.function().arity(); i++) {
        DataVersion v = t.input(i);
        if (v != null) {
          inputs.add(new TaskInfo.Input(v.key(), producers.getOrDefault(v.key(), 0L)));
        }
      }
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.output(i) != null) {
          producers.put(t.output(i).key(), t.id());
        }
      }
      if (t.result() != null) {
        producers.put(t.result().key(), t.id());
      }
      int[] at = placement.getOrDefault(t.name(), new int[] {-1, -1});
      record.addTask(
          new TaskInfo(t.id(), t.name(), t.function().shortName(), sync, at[0], at[1], inputs));
    }
    List<TaskInfo.Input> kept = new ArrayList<>();
    for (DataVersion v : keep) {
      Long producer = producers.get(v.key());
      if (producer != null || !record.detailCapped()) {
        kept.add(new TaskInfo.Input(v.key(), producer == null ? 0L : producer));
      }
    }
    long now = EventClock.nowMicros();
    SyncInfo current = new SyncInfo(sync, startMicros, now, now, stages, kept, null);
    dir.log(
        "sync "
            + sync
            + ": "
            + plan.taskCount()
            + " tasks in "
            + stages.size()
            + " stages, "
            + current.chunks()
            + " chunks");
    metrics.bytes("job_graph", jobGraphBytes);
    record.addBytes("job_graph", jobGraphBytes);
    return current;
  }

  /**
   * Collects the sync point's task events once the runner returned ({@code error} if it failed).
   */
  @Override
  public void syncEnded(int sync, RuntimeException error) {
    long end = EventClock.nowMicros();
    Following following = running.remove(sync);
    if (running.isEmpty()) {
      stopPolling();
    }
    SyncInfo s = following.info();
    Path syncDir = following.syncDir();
    String message = error == null ? null : error.getMessage();
    SyncInfo done =
        new SyncInfo(
            s.sync(), s.startMicros(), s.runStartMicros(), end, s.stages(), s.kept(), message);
    record.addSync(done);
    List<ChunkRun> runs;
    try {
      // with the dashboard on, the live feed has parsed most of the files already
      runs =
          live != null
              ? live.syncEnded(
                  sync, syncDir, end, message == null && error != null ? error.toString() : message)
              : EventFiles.readRuns(syncDir);
    } catch (RuntimeException e) {
      dir.log("sync " + s.sync() + ": cannot read task events: " + e.getMessage());
      runs = List.of();
    }
    ClockAlignment.Result aligned = ClockAlignment.align(runs, done.runStartMicros(), end);
    record.addChunkRuns(aligned.runs(), aligned.shifts());
    metrics.syncEnded(aligned.runs());
    long read = 0;
    long written = 0;
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (ChunkRun r : aligned.runs()) {
      read += r.bytesRead();
      written += r.bytesWritten();
      reported.add(r.stage() + "/" + r.chunk());
    }
    metrics.bytes("work_dir_read", read);
    metrics.bytes("work_dir_write", written);
    record.addBytes("work_dir_read", read);
    record.addBytes("work_dir_write", written);
    int missing = error == null ? done.chunks() - reported.size() : 0;
    if (missing > 0) {
      record.addMissing(missing);
    }
    progress.done(
        record.app(),
        done,
        EventFiles.readStatuses(syncDir),
        System.nanoTime() - following.startNanos());
    dir.log(
        "sync "
            + s.sync()
            + (error == null ? " finished" : " FAILED: " + message)
            + " in "
            + String.format(Locale.ROOT, "%.3f s", (end - s.startMicros()) / 1e6)
            + "; "
            + aligned.runs().size()
            + " chunk runs"
            + (missing > 0 ? ", " + missing + " chunks left no events" : "")
            + shifts(aligned.shifts()));
    if (error != null) {
      record.fail("sync point " + s.sync() + ": " + message);
      reportFailure(s.sync(), error);
    }
  }

  /**
   * One line on stderr, the failure's message first, and its whole trace in the run directory's
   * {@value FailureLog#FILE}: runners print or log the trace of a failed job in full (Beam's Flink
   * runner: 125 lines for one failed task), and the cause came last, after it.
   */
  private void reportFailure(int sync, RuntimeException error) {
    Path file =
        FailureLog.appendTo(dir.path().resolve(FailureLog.FILE), "sync " + sync + " failed", error);
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    int newline = message.indexOf('\n');
    err.println(
        "taskbeam: sync point "
            + sync
            + " failed: "
            + io.taskbeam.Cli.printable(newline < 0 ? message : message.substring(0, newline))
            + (file == null ? "" : "; full trace in " + file));
  }

  @Override
  public void interrupted(String what) {
    dir.log("INTERRUPTED: " + what);
    close(new IllegalStateException("interrupted: " + what));
  }

  /** Ends the run: writes the run directory's files, pushes the totals, stops the endpoint. */
  @Override
  public void close(Throwable failure) {
    if (closed) {
      return;
    }
    closed = true;
    FailureLog.unfollow(sessionDir);
    stopPolling();
    if (failure != null && !(failure instanceof ExplainStop)) {
      record.fail(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
    long[] io = IoCounter.snapshot();
    long read = io[IoCounter.READ] - driverIoAtStart[IoCounter.READ];
    long written = io[IoCounter.WRITTEN] - driverIoAtStart[IoCounter.WRITTEN];
    metrics.bytes("work_dir_read", read);
    metrics.bytes("work_dir_write", written);
    record.addBytes("work_dir_read", read);
    record.addBytes("work_dir_write", written);
    record.end(EventClock.nowMicros());
    if (live != null) {
      record.workerGauges(live.stopSampling());
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    metrics.runEnded(seconds);
    try {
      for (String line : writer.write(record, dir, true)) {
        dir.log(line);
      }
    } catch (RuntimeException e) {
      err.println("taskbeam: could not write the run's report: " + e.getMessage());
      dir.log("report FAILED: " + e);
    }
    if (gateway != null) {
      try {
        gateway.push(record.app(), metrics.pushBody());
        dir.log("pushed taskbeam_run_seconds to " + gateway.groupUri(record.app()));
      } catch (IOException e) {
        err.println(
            "taskbeam: could not push metrics to "
                + options.getPushgateway()
                + ": "
                + e.getMessage());
        dir.log("push to " + options.getPushgateway() + " FAILED: " + e.getMessage());
      }
    }
    if (server != null) {
      server.close();
    }
    if (live != null) {
      live.close(record.error());
    }
    dir.log(
        String.format(
            Locale.ROOT,
            "end after %.3f s%s",
            seconds,
            record.error() == null ? "" : "; failed: " + record.error()));
    err.println("taskbeam: run directory " + dir.path() + " (report: " + RunDirectory.REPORT + ")");
  }

  /**
   * One poll of the sync points running: the live metrics over all of them, the progress line of
   * the earliest, the dashboard's view of each.
   */
  private void poll() {
    try {
      List<EventFiles.Status> all = new ArrayList<>();
      boolean first = true;
      for (Map.Entry<Integer, Following> e : running.entrySet()) {
        Following f = e.getValue();
        List<EventFiles.Status> statuses = EventFiles.readStatuses(f.syncDir());
        all.addAll(statuses);
        if (first) {
          progress.update(record.app(), f.info(), statuses, System.nanoTime() - f.startNanos());
          first = false;
        }
        if (live != null) {
          live.poll(e.getKey(), f.syncDir(), statuses);
        }
      }
      metrics.live(all);
    } catch (RuntimeException e) {
      // the next poll tries again; progress is best effort
    }
  }

  private void stopPolling() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poller = null;
    }
  }

  private static String shifts(Map<String, Long> shifts) {
    StringBuilder out = new StringBuilder();
    shifts.forEach(
        (process, shift) -> {
          if (shift != 0) {
            out.append("; clock of ")
                .append(process)
                .append(" moved by ")
                .append(shift)
                .append(" us");
          }
        });
    return out.toString();
  }
}
