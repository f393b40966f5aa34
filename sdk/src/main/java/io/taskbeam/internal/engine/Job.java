package io.taskbeam.internal.engine;

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
  final Map<String, Map.Entry<String, byte[]>> toWrite;

  final long startMicros;
  final long submitNanos;
  final long compileNanos;

  /** Bytes the driver ships: values inside the job and files it wrote for it. */
  final long driverBytes;

  private boolean done;
  private RuntimeException failure;
  private boolean failureReported;

  Job(
      int number,
      List<TaskNode> tasks,
      List<DataVersion> keep,
      Plan plan,
      String eventDir,
      Map<String, Map.Entry<String, byte[]>> toWrite,
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

  /** The job ended: ran, failed ({@code failure}), or was dropped after an earlier one failed. */
  void end(RuntimeException failure) {
    this.done = true;
    this.failure = failure;
  }

  /**
   * The job's failure if no sync point has thrown it yet, else null; the first caller reports it,
   * as a sync-point failure is thrown once, at the sync point that ran it.
   */
  RuntimeException takeFailure() {
    if (failure == null || failureReported) {
      return null;
    }
    failureReported = true;
    return failure;
  }
}
