package io.taskbeam.internal.flink;

import java.lang.reflect.Field;
import org.apache.beam.runners.flink.FlinkDetachedRunnerResult;
import org.apache.beam.sdk.PipelineResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Waits for a job submitted to a remote cluster in detached mode ({@link FlinkSetup} sets it).
 * The attached client of Flink 1.19 polls for the job's result with a back-off that grows to 2
 * s, so a sync point learned of its job's end up to 2 s late (about 1 s on average, once per
 * sync point); polling the job's status here bounds that delay at {@link #MAX_POLL_MILLIS}.
 * A failed job's exception is fetched afterwards, so a task's own failure still reaches the
 * program with its message.
 */
public final class DetachedJob {
  static final long MAX_POLL_MILLIS = 100;

  private DetachedJob() {}

  /** Whether {@code result} is a detached Flink job this class waits for. */
  public static boolean applies(PipelineResult result) {
    return result instanceof FlinkDetachedRunnerResult;
  }

  /**
   * Polls until the job ends; returns its state, or throws the job's failure (whose causes
   * include the failing task's exception) when it failed.
   */
  public static PipelineResult.State await(PipelineResult result) {
    long sleep = 10;
    PipelineResult.State state;
    while (!(state = JobFailures.state(result)).isTerminal()) {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the Flink job", e);
      }
      sleep = Math.min(MAX_POLL_MILLIS, sleep * 2);
    }
    if (state == PipelineResult.State.FAILED) {
      JobClient client = jobClient(result);
      if (client != null) {
        // not client.getJobExecutionResult(): see JobFailures
        throw new IllegalStateException("the Flink job " + client.getJobID() + " failed",
            JobFailures.cause(client.getJobID()));
      }
    }
    return state;
  }

  /** The client inside Beam's result (a private field), or null if Beam's layout changed. */
  private static JobClient jobClient(PipelineResult result) {
    try {
      Field field = FlinkDetachedRunnerResult.class.getDeclaredField("jobClient");
      field.setAccessible(true);
      return (JobClient) field.get(result);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
