package io.taskbeam.internal.beam;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.flink.SessionJobs;
import io.taskbeam.internal.plan.Plan;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Runs one compiled plan (its large program-supplied values already in the work directory):
 * builds the pipeline, runs it to the end, and turns a task's failure back into a {@link
 * TaskFailedException} at the sync point.
 */
public final class SyncRunner {
  private SyncRunner() {}

  /** Runs the plan. */
  public static void run(Plan plan, TaskBeamOptions options, int flinkParallelism) {
    Pipeline pipeline = Pipeline.create(options);
    PipelineBuilder.build(pipeline, plan, flinkParallelism);
    try {
      // on Flink: through the session's one cluster client or embedded cluster
      PipelineResult result = SessionJobs.run(pipeline, options);
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state + " instead of DONE");
      }
    } catch (RuntimeException e) {
      TaskFailedException task = findTaskFailure(e);
      if (task != null) {
        throw new TaskFailedException(task.taskName(), task.getMessage(), task.getCause());
      }
      throw new IllegalStateException("the pipeline failed: " + rootMessage(e), e);
    }
  }

  /** Applies the settings taskbeam needs from the runner before the first pipeline. */
  public static void tune(TaskBeamOptions options, int parallelism) {
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setTargetParallelism(Math.max(parallelism, 1));
      if (!options.getDirectRunnerChecks()) {
        direct.setEnforceImmutability(false);
        direct.setEnforceEncodability(false);
      }
    }
  }

  private static TaskFailedException findTaskFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TaskFailedException task) {
        return task;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
  }
}
