package io.taskbeam.internal.flink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * Where a session's Flink jobs go, opened once per session and reused by every sync point: a
 * long-lived REST client of a session cluster ({@link ClusterTarget}) or a mini cluster in this JVM
 * ({@link EmbeddedTarget}). Flink's own client paths build both anew for every job.
 */
interface JobTarget extends AutoCloseable {
  /** Submits a translated job; returns once the cluster has accepted it. */
  JobID submit(JobGraph job) throws Exception;

  /** Blocks until the job is terminal and returns its result (failures included, not thrown). */
  JobResult awaitResult(JobID job) throws Exception;

  /** The job's current status. */
  JobStatus status(JobID job) throws Exception;

  /** Asks the cluster to cancel the job. */
  void cancel(JobID job) throws Exception;

  /** Releases the connection (embedded: stops the mini cluster). */
  @Override
  void close();
}
