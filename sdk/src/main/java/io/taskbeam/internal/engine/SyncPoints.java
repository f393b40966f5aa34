package io.taskbeam.internal.engine;

import io.taskbeam.ExplainStop;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.EventClock;
import io.taskbeam.internal.observe.EventFiles;
import io.taskbeam.internal.observe.SyncListener;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import io.taskbeam.internal.plan.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending graph's way to the runner: a sync point takes every pending task, compiles them
 * ({@link PlanCompiler}), writes the program values the plan reads from files, hands the plan to
 * the {@link Runner}, records where the results are, and settles the graph (replaced versions and
 * data no handle holds leave the store). It keeps the sync points' reports and knows whether a job
 * is running, for the exit hook. {@code --explain} stops here, before anything runs.
 */
final class SyncPoints {
  private final SessionParts parts;
  private final Runner runner;
  private final SyncListener listener;
  private final List<SyncReport> reports = new ArrayList<>();

  /** The sync point whose job is running, 0 between sync points; read by the exit hook. */
  private volatile int inFlight;

  /** Set by the exit hook: a sync point failing from now on failed because the JVM is exiting. */
  private volatile boolean exiting;

  private int syncs;
  private long submitNanos;

  SyncPoints(SessionParts parts, Runner runner, SyncListener listener) {
    this.parts = parts;
    this.runner = runner;
    this.listener = listener;
  }

  /** Time the program spent submitting since the last sync point, for its report. */
  void addSubmitNanos(long nanos) {
    submitNanos += nanos;
  }

  List<SyncReport> reports() {
    return List.copyOf(reports);
  }

  /** The sync point whose job runs now, or 0. */
  int inFlight() {
    return inFlight;
  }

  /** The JVM is exiting: a failure from now on is the exit hook's to report. */
  void exiting() {
    exiting = true;
  }

  /** The plan the pending tasks would compile to; runs nothing. */
  String explainPending() {
    List<TaskNode> tasks = parts.graph().pending();
    return PlanCompiler.compile(
            tasks,
            parts.graph().latestWrittenBy(tasks),
            parts.store()::get,
            parts.settings(runner.parallelism(), syncs + 1, null))
        .describe();
  }

  /**
   * One sync point: compile, then either explain (print the plan, let the listener write what it
   * shows, stop) or write the program values the plan reads from files, run, and record where the
   * results are.
   */
  void run() {
    TaskGraph graph = parts.graph();
    DataStore store = parts.store();
    List<TaskNode> tasks = graph.takePending();
    parts.capture().forgetCaptures();
    if (tasks.isEmpty()) {
      settle(tasks);
      return;
    }
    int sync = ++syncs;
    parts.handles().noteDropped();
    List<DataVersion> keep = new ArrayList<>();
    for (DataVersion v : graph.latestWrittenBy(tasks)) {
      if (parts.handles().held(v.datum()) || parts.files().isFile(v.datum())) {
        keep.add(v);
      }
    }
    long start = System.nanoTime();
    long startMicros = EventClock.nowMicros();
    Path sessionDir = parts.sessionDir();
    String eventDir =
        listener == SyncListener.NONE ? null : EventFiles.syncDir(sessionDir, sync).toString();
    Plan plan =
        PlanCompiler.compile(
            tasks, keep, store::get, parts.settings(runner.parallelism(), sync, eventDir));
    long compiled = System.nanoTime();
    if (parts.options().getExplain()) {
      explain(sync, tasks, keep, plan, startMicros);
    }
    listener.syncStarting(sync, tasks, keep, plan, startMicros);
    long driverBytes;
    Map<String, StoredRef> stored;
    try {
      for (DataVersion v : suppliedInputs(tasks, plan).values()) {
        store.put(v.key(), parts.capture().writeToFile(v.key(), store.get(v.key()).inline()));
      }
      driverBytes = plan.inlineBytes() + parts.capture().takeWrittenBytes();
      inFlight = sync;
      stored = runner.run(plan);
    } catch (RuntimeException e) {
      if (exiting) {
        awaitExit(); // the exit hook cancelled the job and reports it: no second message
      }
      listener.syncEnded(e);
      String task = e instanceof TaskFailedException failed ? failed.taskName() : null;
      String reason = "sync point " + sync + " failed: " + e.getMessage();
      for (DataVersion v : keep) {
        store.markLost(v.key(), task, reason);
      }
      settle(tasks);
      throw e;
    } finally {
      inFlight = 0;
      if (eventDir != null) {
        FileData.moveTree(Path.of(eventDir, "binary"), parts.runDirectory().resolve("binary"));
      }
    }
    listener.syncEnded(null);
    for (DataVersion v : keep) {
      store.put(v.key(), DriverValue.stored(stored.get(v.key())));
    }
    settle(tasks);
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    reports.add(
        new SyncReport(
            sync,
            plan.taskCount(),
            plan.stages().size(),
            chunks,
            submitNanos,
            compiled - start,
            System.nanoTime() - compiled,
            driverBytes));
    submitNanos = 0;
  }

  /**
   * After a sync point: its tasks are done, so the versions they replaced can go, and so can every
   * datum no handle holds.
   */
  private void settle(List<TaskNode> tasks) {
    TaskGraph graph = parts.graph();
    graph.settle(tasks);
    for (DataVersion v : graph.takeRetired()) {
      parts.store().remove(v.key());
    }
    parts
        .handles()
        .release(
            datum -> {
              DataVersion released = graph.release(datum);
              if (released != null) {
                parts.store().remove(released.key());
              }
              return released != null;
            });
  }

  private void explain(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    System.out.print(
        "explain: sync point "
            + sync
            + " compiles to "
            + plan.taskCount()
            + " tasks in "
            + plan.stages().size()
            + " stages, "
            + chunks
            + " chunks (parallelism "
            + runner.parallelism()
            + "):\n"
            + plan.describe());
    System.out.flush();
    Path dir = listener.explained(sync, tasks, keep, plan, startMicros);
    throw new ExplainStop(
        "--explain: stopped before running" + (dir == null ? "" : "; graph and plan in " + dir));
  }

  /** Program values the plan reads from work-directory files but the store holds inline. */
  private static Map<String, DataVersion> suppliedInputs(List<TaskNode> tasks, Plan plan) {
    Map<String, DataVersion> supplied = new LinkedHashMap<>();
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        DataVersion v = t.input(i);
        if (v != null && plan.driverFiles().containsKey(v.key())) {
          supplied.put(v.key(), v);
        }
      }
    }
    return supplied;
  }

  /** Parks the program's thread while the JVM exits (the exit hook does the reporting). */
  private static void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep waiting: the JVM is going down
      }
    }
  }
}
