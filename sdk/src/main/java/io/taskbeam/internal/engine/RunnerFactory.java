package io.taskbeam.internal.engine;

import io.taskbeam.InMemoryRunner;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.beam.BeamRunner;
import io.taskbeam.internal.memory.MemoryRunner;
import io.taskbeam.internal.plan.Runner;
import java.nio.file.Path;

/**
 * Opens the {@link Runner} of a session: the seam through which the engine gets the thing that runs
 * its plans. {@link #DEFAULT} gives the in-memory runner for {@code --runner=InMemoryRunner} and
 * Beam's for every other runner; the engine's tests pass their own.
 */
@FunctionalInterface
public interface RunnerFactory {
  /**
   * The runner for a session whose work directory is {@code sessionDir}; {@code requested} is
   * {@code --parallelism}, or -1 for the runner's default.
   */
  Runner open(TaskBeamOptions options, int requested, Path sessionDir);

  /** The in-memory runner when the options name it, else Beam's. */
  RunnerFactory DEFAULT =
      (options, requested, sessionDir) ->
          InMemoryRunner.class.equals(options.getRunner())
              ? MemoryRunner.start(requested)
              : BeamRunner.start(options, requested, sessionDir);

  /** The requested parallelism, -1 for the runner's default; checks the sizing options. */
  static int requestedParallelism(TaskBeamOptions options) {
    Integer p = options.getParallelism();
    if (p == null) {
      p = -1;
    }
    if (p < 1 && p != -1) {
      throw new IllegalArgumentException(
          "--parallelism must be a positive number of workers (or -1 for the default); got " + p);
    }
    if (options.getChunksPerWorker() < 1) {
      throw new IllegalArgumentException(
          "--chunksPerWorker must be at least 1; got " + options.getChunksPerWorker());
    }
    if (options.getInlineLimitBytes() < 0) {
      throw new IllegalArgumentException(
          "--inlineLimitBytes must not be negative; got " + options.getInlineLimitBytes());
    }
    return p;
  }
}
