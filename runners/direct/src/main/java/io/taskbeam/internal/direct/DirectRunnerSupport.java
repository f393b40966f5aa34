package io.taskbeam.internal.direct;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.beam.RunnerSupport;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;

/**
 * The DirectRunner: one worker thread per unit of parallelism, and its per-element immutability and
 * encodability checks off unless {@code --directRunnerChecks}; several jobs may run at once. That
 * is safe because taskbeam copies any value a task modifies in place when something else may see
 * it.
 */
public final class DirectRunnerSupport implements RunnerSupport {
  @Override
  public boolean supports(String runnerClass) {
    return runnerClass.equals("org.apache.beam.runners.direct.DirectRunner");
  }

  @Override
  public Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
    Target target = RunnerSupport.generic().prepare(options, requested, sessionDir);
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setTargetParallelism(Math.max(target.parallelism(), 1));
    if (!options.getDirectRunnerChecks()) {
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
    }
    // its workers are this JVM's threads (the default worker heap is right), and each pipeline
    // run has executors of its own: jobs may run at once; the long-lived job hands its chunks to
    // its workers without Beam's per-element checks, so it runs only when they are off
    return Target.of(
        target.parallelism(),
        target.name(),
        target.description(),
        4,
        !options.getDirectRunnerChecks());
  }

  /** {@code preload-direct.txt}, next to this class. */
  @Override
  public String preloadList(List<String> args) {
    return "preload-direct.txt";
  }
}
