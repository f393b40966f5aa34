package io.taskbeam.internal.flink;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * A session cluster reached through one {@link RestClusterClient} for the whole session. The end of
 * a job is learned by asking for its status with a short exponential back-off (1 ms doubling to
 * {@value #MAX_POLL_MILLIS} ms), so a sync point hears of its job's end within a few milliseconds,
 * at a few dozen cheap {@code GET /jobs/<id>/status} calls per second at most; the result
 * (accumulators, or the failure) is fetched once, after.
 */
final class ClusterTarget implements JobTarget {
  static final long MAX_POLL_MILLIS = 20;
  private final RestClusterClient<StandaloneClusterId> client;

  /** {@code config} names the REST address and any TLS settings of the cluster. */
  ClusterTarget(Configuration config) throws Exception {
    this.client = new RestClusterClient<>(config, StandaloneClusterId.getInstance());
  }

  @Override
  public JobID submit(JobGraph job) throws Exception {
    return client.submitJob(job).get();
  }

  /**
   * Polls until the job ends. A failed job throws its failure as the task threw it, and a
   * JobManager that stops answering throws one line naming it ({@link JobFailures}).
   */
  @Override
  public JobResult awaitResult(JobID job) throws Exception {
    long sleepMicros = 1000;
    JobStatus state;
    while (!(state = JobFailures.status(() -> status(job))).isGloballyTerminalState()) {
      TimeUnit.MICROSECONDS.sleep(sleepMicros);
      sleepMicros = Math.min(MAX_POLL_MILLIS * 1000, sleepMicros * 2);
    }
    if (state == JobStatus.FAILED) {
      // not client.requestJobResult(): see JobFailures
      throw new IllegalStateException("the Flink job " + job + " failed", JobFailures.cause(job));
    }
    return client.requestJobResult(job).get();
  }

  @Override
  public JobStatus status(JobID job) throws Exception {
    return client.getJobStatus(job).get();
  }

  @Override
  public void cancel(JobID job) throws Exception {
    client.cancel(job).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.close();
  }
}
