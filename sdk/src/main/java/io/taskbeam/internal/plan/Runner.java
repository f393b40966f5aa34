package io.taskbeam.internal.plan;

import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.spi.WorkerGauges;
import java.util.Map;

/**
 * The seam between a session and the engine that executes its plans, like Beam's {@code
 * PipelineRunner}: the session compiles, a runner runs. The Beam implementation lays the plan out
 * as a pipeline ({@code io.taskbeam.internal.beam}); runner-specific behaviour (Flink's placement,
 * the session's cluster connection, staging, failure mapping) sits behind it.
 */
public interface Runner {
  /**
   * Runs every stage of {@code plan} to the end (its program values already written to the work
   * directory) and returns where each version the plan stores now is. Throws {@code
   * TaskFailedException} when a task failed after its retries.
   */
  Map<String, StoredRef> run(Plan plan);

  /** The workers each stage is spread over. */
  int parallelism();

  /**
   * Called before each job is planned: a runner whose workers may change while the session runs (a
   * Flink cluster that TaskManagers join or leave) reads them again, so {@link #parallelism} is the
   * one the next job is compiled and placed for. Never throws for a cluster it cannot ask.
   */
  default void beforeJob() {}

  /**
   * Jobs that may run at once, each on a thread of its own ({@code --pipelined}), when {@code
   * --jobsInFlight} is {@code asked} (0: the runner's choice); 1 for a runner that runs one job at
   * a time.
   */
  default int jobsInFlight(int asked) {
    return 1;
  }

  /** The runner's name for reports ({@code FlinkRunner @ 127.0.0.1:8081}). */
  String name();

  /** Where jobs run, in one line: the runner, and on a cluster its address and what it ships. */
  String description();

  /** The largest heap of any worker, in bytes, or -1 when the runner cannot tell. */
  default long workerHeapBytes() {
    return -1;
  }

  /**
   * CPU, heap and slots of the workers, for the dashboard; by default this JVM's (runners whose
   * tasks run on the driver's threads).
   */
  default WorkerGauges workerGauges() {
    return WorkerGauges.driverJvm();
  }

  /**
   * At JVM exit during a sync point: cancels the jobs still running, waiting at most {@code bound}
   * for them to end. Returns what happened in one line, or null when nothing needed cancelling.
   */
  default String cancelRunning(java.time.Duration bound) {
    return null;
  }

  /**
   * Releases what the runner holds for the session (a cluster connection, an embedded cluster);
   * called once when the session ends, also at JVM exit without close. Must not throw.
   */
  default void close() {}
}
