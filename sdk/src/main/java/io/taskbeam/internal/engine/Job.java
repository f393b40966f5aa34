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
 * {@link SyncPoints}; run by the program's thread at a sync point, or by the {@link Flusher}'s.
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

  private boolean done;

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

  /**
   * Waits, releasing {@code lock} (the session's, which guards the job's state), until the job and
   * so every job before it ended; false when the thread was interrupted, its flag set again.
   */
  boolean awaitEnd(Object lock) {
    while (!done) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The job ended: it ran, failed, or was dropped after an earlier one failed. */
  void end() {
    this.done = true;
  }

  /** What the job would have stored will never exist, because of {@code task}. */
  void lose(DataStore store, String task, String reason) {
    for (DataVersion v : keep) {
      store.markLost(v.key(), task, reason);
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
