package io.taskbeam.internal.engine;

import io.taskbeam.ExplainStop;
import io.taskbeam.Pair;
import io.taskbeam.Triple;
import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.WorkDir;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The pending graph becoming a job: a flush takes the pending tasks, compiles them ({@link
 * PlanCompiler}) and settles the graph at once. The versions the program may still read (held by a
 * future, or files) are recorded in the store where the job will store them, so tasks submitted
 * after the flush read them from there, as they read the results of any earlier sync point; and the
 * versions nothing can reach any more leave the store. {@code --explain} stops here, before
 * anything runs.
 */
final class Flushes {
  private final SessionParts parts;
  private final Runner runner;
  private final SyncListener listener;
  private int jobs;
  private long submitNanos;

  /** Tasks a job takes at most ({@code --checkpoint=tasks:N}); else all pending. */
  private final int maxTasks;

  /** Whether the last flush left tasks pending to keep its job's paths few ({@link StagePaths}). */
  private boolean cutShort;

  /** Resumes tasks an earlier run finished, when the run is checkpointed; else null. */
  private Checkpoints checkpoints;

  Flushes(SessionParts parts, Runner runner, SyncListener listener) {
    this.parts = parts;
    this.runner = runner;
    this.listener = listener;
    CheckpointPolicy policy = parts.checkpointPolicy();
    this.maxTasks =
        policy.kind() == CheckpointPolicy.Kind.TASKS ? policy.everyTasks() : Integer.MAX_VALUE;
  }

  /**
   * Whether tasks stay pending after a flush: a job takes at most N of them, or the last flush kept
   * its job's paths few.
   */
  boolean partial() {
    return maxTasks != Integer.MAX_VALUE || cutShort;
  }

  /** From now on, each flush first takes out the tasks an earlier run finished. */
  void checkpointed(Checkpoints resumer) {
    this.checkpoints = resumer;
  }

  /** Time the program spent submitting since the last flush, for the job's report. */
  void addSubmitNanos(long nanos) {
    submitNanos += nanos;
  }

  /** The plan the pending tasks would compile to; runs nothing. */
  String explainPending() {
    List<TaskNode> tasks = parts.graph().pending();
    return PlanCompiler.compile(
            tasks,
            parts.graph().latestWrittenBy(tasks),
            parts.store()::get,
            parts.settings(runner.parallelism(), jobs + 1, null))
        .describe();
  }

  /**
   * Takes the pending tasks into a job, or returns null when none is pending. With {@code
   * holdLast}, the last submitted task stays pending when its result may still be split ({@code
   * split} comes right after {@code submit}), so a flush of the flusher's own never races it. With
   * {@code --checkpoint=tasks:N}, the job takes the first N pending tasks (more rather than cut
   * through a commutative group), and the rest stay pending.
   */
  Job flush(boolean holdLast) {
    TaskGraph graph = parts.graph();
    List<TaskNode> pending = graph.pending();
    int n = cut(pending, StagePaths.within(pending, Math.min(maxTasks, pending.size())));
    cutShort = n < pending.size();
    if (holdLast && n == pending.size() && n > 0 && splittable(pending.get(n - 1))) {
      return null; // taken with the next task, or at the next sync point
    }
    if (pending.isEmpty()) {
      settle(pending); // a sync point with nothing to run still releases what no handle holds
      return null;
    }
    parts.files().checkUnchanged(pending.subList(0, n));
    List<TaskNode> taken = graph.takePending(n);
    parts.capture().forgetCaptures();
    parts.handles().noteDropped();
    Set<TaskNode> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(taken);
    Predicate<DataVersion> kept =
        v ->
            graph.latest(v.datum()) == v
                    && (parts.handles().held(v.datum()) || parts.files().isFile(v.datum()))
                || v.readers().stream().anyMatch(r -> !gone.contains(r));
    List<TaskNode> tasks = checkpoints == null ? taken : checkpoints.resume(taken, kept);
    if (tasks.isEmpty()) {
      settle(taken); // an earlier run finished every one of them (--resume)
      return null;
    }
    int number = ++jobs;
    List<DataVersion> keep = new ArrayList<>();
    Set<DataVersion> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TaskNode t : tasks) {
      for (DataVersion v : Checkpoints.written(t)) {
        if (seen.add(v) && kept.test(v)) {
          keep.add(v);
        }
      }
    }
    long start = System.nanoTime();
    long startMicros = EventClock.nowMicros();
    Path sessionDir = parts.sessionDir();
    String eventDir =
        listener == SyncListener.NONE ? null : EventFiles.syncDir(sessionDir, number).toString();
    DataStore store = parts.store();
    runner.beforeJob(); // workers that joined or left since the last job
    Plan plan =
        PlanCompiler.compile(
            tasks, keep, store::get, parts.settings(runner.parallelism(), number, eventDir));
    long compiled = System.nanoTime();
    if (parts.options().getExplain()) {
      explain(number, tasks, keep, plan, startMicros);
    }
    // the plan's program values too large for the job: written by whoever runs it, read from
    // there by its tasks and any later job
    Map<String, WorkDir.Entry> toWrite = new LinkedHashMap<>();
    long fileBytes = 0;
    for (Map.Entry<String, String> file : plan.driverFiles().entrySet()) {
      String key = file.getKey();
      byte[] inline = store.get(key).inline();
      toWrite.put(file.getValue(), new WorkDir.Entry(key, inline));
      store.put(key, DriverValue.stored(new StoredRef(file.getValue(), key)));
      fileBytes += inline.length;
    }
    for (DataVersion v : keep) {
      store.put(v.key(), DriverValue.stored(new StoredRef(plan.stored().get(v.key()), v.key())));
    }
    long driverBytes = plan.inlineBytes() + fileBytes + parts.capture().takeWrittenBytes();
    Job job =
        new Job(
            number,
            tasks,
            keep,
            plan,
            eventDir,
            toWrite,
            startMicros,
            submitNanos,
            compiled - start,
            driverBytes);
    submitNanos = 0;
    settle(taken);
    return job;
  }

  /**
   * The flushed tasks leave the graph: the versions they replaced can go, and so can every datum no
   * handle holds; what a job still to run reads is in its plan already.
   */
  void settle(List<TaskNode> tasks) {
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

  /**
   * How many of the pending tasks a job takes: at most {@code max}, unless that would cut through a
   * commutative group (which runs as one unit).
   */
  private static int cut(List<TaskNode> pending, int max) {
    int n = Math.min(max, pending.size());
    boolean grew = true;
    while (grew && n < pending.size()) {
      grew = false;
      Set<Integer> groups = new HashSet<>();
      for (int i = 0; i < n; i++) {
        groups.add(pending.get(i).group());
      }
      groups.remove(-1);
      for (int i = pending.size() - 1; i >= n; i--) {
        if (groups.contains(pending.get(i).group())) {
          n = i + 1;
          grew = true;
          break;
        }
      }
    }
    return n;
  }

  /** Whether a task's result may be split into parts of their own: a Pair, Triple or List. */
  private static boolean splittable(TaskNode task) {
    if (task.result() == null || !task.parts().isEmpty()) {
      return false;
    }
    Class<?> type = task.function().method(Flushes.class.getClassLoader()).getReturnType();
    return type.isAssignableFrom(Pair.class)
        || type.isAssignableFrom(Triple.class)
        || List.class.isAssignableFrom(type)
        || type.isAssignableFrom(List.class);
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
}
