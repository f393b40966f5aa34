package io.taskbeam.internal.engine;

import io.taskbeam.SyncReport;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * One flush of the pending graph: the tasks it took, the plan they compiled to, the versions it
 * stores for the program, and what became of it. Made and completed under the session's lock by
 * {@link SyncPoints}; run by the program's thread at a sync point, or by a thread the {@link
 * Flusher} starts it on once the jobs it waits for ({@link #after}) ended.
 */
final class Job {
  final int number;
  final List<TaskNode> tasks;
  final List<DataVersion> keep;
  final Plan plan;
  final String eventDir;

  /** Program values the plan reads from files, still to be written: path to (key, encoding). */
  final Map<String, WorkDir.Entry> toWrite;

  final long startMicros;
  final long submitNanos;
  final long compileNanos;

  /** Bytes the driver ships: values inside the job and files it wrote for it. */
  final long driverBytes;

  /**
   * Jobs flushed earlier that must end before this one starts: those storing a version it reads,
   * and, when it touches files, every earlier job that touches files (set by {@link SyncPoints}).
   */
  final List<Job> after = new java.util.ArrayList<>();

  /** Whether a task of the job reads or writes a file. */
  boolean touchesFiles;

  private boolean done;
  private boolean lost;

  Job(
      int number,
      List<TaskNode> tasks,
      List<DataVersion> keep,
      Plan plan,
      String eventDir,
      Map<String, WorkDir.Entry> toWrite,
      long startMicros,
      long submitNanos,
      long compileNanos,
      long driverBytes) {
    this.number = number;
    this.tasks = tasks;
    this.keep = keep;
    this.plan = plan;
    this.eventDir = eventDir;
    this.toWrite = toWrite;
    this.startMicros = startMicros;
    this.submitNanos = submitNanos;
    this.compileNanos = compileNanos;
    this.driverBytes = driverBytes;
  }

  boolean done() {
    return done;
  }

  /** The job ended: it ran, failed, or was dropped after an earlier one failed. */
  void end() {
    this.done = true;
  }

  /** Whether the job ended without storing what it would have (it failed or was dropped). */
  boolean lost() {
    return lost;
  }

  /** Whether every job this one waits for has ended. */
  boolean ready() {
    for (Job j : after) {
      if (!j.done) {
        return false;
      }
    }
    return true;
  }

  /** Whether a job this one waits for ended without its results. */
  boolean afterLost() {
    for (Job j : after) {
      if (j.lost) {
        return true;
      }
    }
    return false;
  }

  /** What the job would have stored will never exist, because of {@code task}. */
  void lose(DataStore store, String task, String reason) {
    lost = true;
    for (DataVersion v : keep) {
      store.markLostIfHeld(v.key(), task, reason); // a version released meanwhile stays gone
    }
  }

  /** The job's report, once it ran in {@code runNanos}. */
  SyncReport report(long runNanos) {
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    return new SyncReport(
        number,
        plan.taskCount(),
        plan.stages().size(),
        chunks,
        submitNanos,
        compileNanos,
        runNanos,
        driverBytes);
  }
}
