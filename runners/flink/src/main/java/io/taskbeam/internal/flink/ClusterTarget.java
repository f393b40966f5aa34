package io.taskbeam.internal.flink;

import io.taskbeam.internal.beam.RunnerSupport;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.ClusterOverviewHeaders;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagerInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagersHeaders;

/**
 * A session cluster reached through one {@link RestClusterClient} for the whole session. The end of
 * a job is learned by asking for its status with a short exponential back-off (1 ms doubling to
 * {@value #MAX_POLL_MILLIS} ms), so a sync point hears of its job's end within a few milliseconds,
 * at a few dozen cheap {@code GET /jobs/<id>/status} calls per second at most; the result
 * (accumulators, or the failure) is fetched once, after.
 *
 * <p><b>A lost TaskManager.</b> Flink restarts a job whose TaskManager died (the cluster's restart
 * strategy), but a job whose parallelism needs every slot (the default, {@code --parallelism=-1})
 * cannot be deployed again on fewer slots: it waits for slots that never come until the slot
 * request times out, restart after restart. So every {@value #SLOT_CHECK_MILLIS} ms while a job
 * runs, the cluster's slot count is compared with the job's parallelism; when fewer slots remain,
 * the job is cancelled and {@link RunnerSupport.WorkersLost} tells the driver how many slots are
 * free to run the sync point again on.
 *
 * <p><b>A lost JobManager</b> ends the program in one line, unless {@link JobManagerWait} waits for
 * it to return (a supervised cluster): then the job in flight is submitted again, under a new job
 * id (the session keeps the first one; {@link #current} maps it), at most {@value #MAX_RESUBMITS}
 * times.
 *
 * <p><b>A TaskManager that leaves cleanly</b> ({@code cluster remove-taskmanager}) is drained: the
 * {@link WorkerGate} holds new jobs while it leaves, and {@link #usableSlots} leaves its slots out
 * of the next job's parallelism.
 */
final class ClusterTarget implements JobTarget {
  static final long MAX_POLL_MILLIS = 20;
  static final long SLOT_CHECK_MILLIS = 500;

  /** How long the slots of a cancelled job may take to come free, and a lost job to end. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  /** How often one job is submitted again after its JobManager was lost. */
  static final int MAX_RESUBMITS = 5;

  private final RestClusterClient<StandaloneClusterId> client;
  private final String master;
  private final Map<JobID, Integer> parallelisms = new ConcurrentHashMap<>();
  private final JobManagerWait wait;
  private final WorkerGate gate;

  /**
   * Jobs submitted again after a lost JobManager: the session's job id to the graph and its id now.
   */
  private final Map<JobID, JobGraph> graphs = new ConcurrentHashMap<>();

  /**
   * {@code config} names the REST address and any TLS settings of the cluster; {@code wait} says
   * whether and how long a lost JobManager is waited for.
   */
  ClusterTarget(Configuration config, JobManagerWait wait, String runDir) throws Exception {
    this.client = new RestClusterClient<>(config, StandaloneClusterId.getInstance());
    this.master = client.getWebInterfaceURL();
    this.wait = wait;
    this.gate = WorkerGate.open(runDir, this::registered);
  }

  /**
   * The task slots of the TaskManagers Flink lists and that are not leaving ({@link WorkerGate}),
   * or -1 when the cluster does not answer.
   */
  int usableSlots() {
    Collection<TaskManagerInfo> all = taskManagersOrNull();
    if (all == null) {
      return -1;
    }
    List<String> leaving = gate.leaving();
    int slots = 0;
    for (TaskManagerInfo tm : all) {
      if (!leaving.contains(tm.getResourceId().getResourceIdString())) {
        slots += tm.getNumberSlots();
      }
    }
    return slots;
  }

  /** Whether Flink lists the TaskManager {@code resourceId}; true when it does not answer. */
  private boolean registered(String resourceId) {
    Collection<TaskManagerInfo> all = taskManagersOrNull();
    return all == null
        || all.stream().anyMatch(tm -> tm.getResourceId().getResourceIdString().equals(resourceId));
  }

  private Collection<TaskManagerInfo> taskManagersOrNull() {
    try {
      return client
          .sendRequest(
              TaskManagersHeaders.getInstance(),
              EmptyMessageParameters.getInstance(),
              EmptyRequestBody.getInstance())
          .get(10, TimeUnit.SECONDS)
          .getTaskManagerInfos();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Submits the job; a JobManager that does not answer is waited for (when {@link #wait} is on) and
   * the job submitted once more.
   */
  @Override
  public JobID submit(JobGraph job) throws Exception {
    int parallelism = 1;
    for (JobVertex v : job.getVertices()) {
      parallelism = Math.max(parallelism, v.getParallelism());
    }
    if (gate.beforeSubmit()) {
      // a TaskManager left while this job was planned: it cannot get its slots now
      int usable = usableSlots();
      if (usable >= 1 && usable < parallelism) {
        gate.afterJob();
        throw new RunnerSupport.WorkersLost(
            usable,
            "a TaskManager left the Flink cluster at "
                + master
                + " (drained): "
                + usable
                + " task slots remain, fewer than the job's parallelism "
                + parallelism);
      }
    }
    try {
      return submitCounted(job, parallelism);
    } catch (Exception | Error e) {
      gate.afterJob();
      throw e;
    }
  }

  /** {@link #submit} once the gate counted the job. */
  private JobID submitCounted(JobGraph job, int parallelism) throws Exception {
    JobID id;
    try {
      id = client.submitJob(job).get();
    } catch (ExecutionException e) {
      if (!wait.enabled() || overviewOrNull() != null) {
        throw e;
      }
      wait.await(
          new JobFailures.JobManagerLost(
              "lost the Flink JobManager at " + JobFailures.master() + " before the job started"),
          parallelism,
          this::overviewQuietly);
      id = client.submitJob(job).get();
    }
    parallelisms.put(id, parallelism);
    if (wait.enabled()) {
      graphs.put(id, job);
    }
    return id;
  }

  /**
   * The job id a session's job runs under now: its own, or that of its latest submission after a
   * lost JobManager.
   */
  private JobID current(JobID job) {
    JobGraph graph = graphs.get(job);
    return graph == null ? job : graph.getJobID();
  }

  /**
   * Waits for the lost JobManager and submits {@code job} again under a new id.
   *
   * @throws IllegalStateException the loss in one line when there is no wait, the JobManager did
   *     not return in time, or the job was submitted again too often
   */
  private void resubmit(JobID job, JobFailures.JobManagerLost lost, int attempt) throws Exception {
    JobGraph graph = graphs.get(job);
    if (!wait.enabled() || graph == null) {
      throw wait.ended(lost, false);
    }
    if (attempt > MAX_RESUBMITS) {
      throw new IllegalStateException(
          lost.getMessage()
              + "; the job was submitted again "
              + MAX_RESUBMITS
              + " times already"
              + JobManagerWait.RESUME_HINT);
    }
    int parallelism = parallelisms.getOrDefault(job, 1);
    wait.await(lost, parallelism, this::overviewQuietly);
    graph.setJobID(new JobID());
    try {
      client.submitJob(graph).get();
    } catch (ExecutionException e) {
      if (overviewOrNull() != null) {
        throw e; // the JobManager answers but refused the job: that is the error
      }
      // gone again: the next status poll of the new id reports it lost, and the wait starts over
    }
  }

  /**
   * Polls until the job ends. A failed job throws its failure as the task threw it, and a
   * JobManager that stops answering throws one line naming it ({@link JobFailures}).
   */
  @Override
  public JobResult awaitResult(JobID job) throws Exception {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return awaitAttempt(job, current(job));
        } catch (JobFailures.JobManagerLost lost) {
          resubmit(job, lost, attempt);
        }
      }
    } finally {
      parallelisms.remove(job);
      graphs.remove(job);
      gate.afterJob();
    }
  }

  /** Polls until the attempt {@code id} of the session's job {@code job} ends. */
  private JobResult awaitAttempt(JobID job, JobID id) throws Exception {
    long sleepMicros = 1000;
    long nextSlotCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLOT_CHECK_MILLIS);
    int parallelism = parallelisms.getOrDefault(job, 1);
    JobStatus state;
    while (!(state = JobFailures.status(() -> client.getJobStatus(id).get()))
        .isGloballyTerminalState()) {
      TimeUnit.MICROSECONDS.sleep(sleepMicros);
      sleepMicros = Math.min(MAX_POLL_MILLIS * 1000, sleepMicros * 2);
      if (System.nanoTime() - nextSlotCheck >= 0) {
        nextSlotCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLOT_CHECK_MILLIS);
        ClusterOverviewWithVersion overview = overviewOrNull();
        int slots = overview == null ? parallelism : overview.getNumSlotsTotal();
        if (slots < parallelism) {
          state = cancelLost(id, parallelism, slots);
          break;
        }
      }
    }
    if (state == JobStatus.FAILED) {
      // not client.requestJobResult(): see JobFailures
      throw new IllegalStateException("the Flink job " + id + " failed", JobFailures.cause(id));
    }
    return client.requestJobResult(id).get();
  }

  /**
   * Cancels {@code job}, which cannot finish on the {@code slots} left, and throws {@link
   * RunnerSupport.WorkersLost} with the slots free once it ended; returns the job's state instead
   * if it finished after all.
   */
  private JobStatus cancelLost(JobID job, int parallelism, int slots) throws Exception {
    try {
      client.cancel(job).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // it may have ended meanwhile: its state below says how
    }
    long deadline = System.nanoTime() + SETTLE.toNanos();
    JobStatus state;
    while (!(state = JobFailures.status(() -> status(job))).isGloballyTerminalState()) {
      requireBefore(deadline, "the job " + job + " did not end after it was cancelled");
      TimeUnit.MILLISECONDS.sleep(MAX_POLL_MILLIS);
    }
    if (state != JobStatus.CANCELED) {
      return state;
    }
    ClusterOverviewWithVersion now = overview(job);
    while (now.getNumSlotsAvailable() < Math.min(now.getNumSlotsTotal(), parallelism)
        && System.nanoTime() - deadline < 0) {
      TimeUnit.MILLISECONDS.sleep(100);
      now = overview(job);
    }
    int free = Math.min(now.getNumSlotsAvailable(), parallelism);
    if (free < 1) {
      throw new IllegalStateException(
          "lost TaskManagers: the Flink cluster at "
              + master
              + " has "
              + (now.getNumSlotsTotal() == 0 ? "no task slot left" : "no free task slot")
              + " to run the job again on: start a TaskManager (flink/bin/cluster "
              + "add-taskmanager) and run the program again");
    }
    throw new RunnerSupport.WorkersLost(
        free,
        "lost a TaskManager: the Flink cluster at "
            + master
            + " has "
            + slots
            + " task slots left, fewer than the job's parallelism "
            + parallelism);
  }

  private static void requireBefore(long deadline, String what) {
    if (System.nanoTime() - deadline > 0) {
      throw new IllegalStateException(what + " within " + SETTLE.toSeconds() + " s");
    }
  }

  /** The cluster's slots; a JobManager that stopped answering is reported as in {@link #status}. */
  private ClusterOverviewWithVersion overview(JobID job) throws Exception {
    ClusterOverviewWithVersion overview = overviewOrNull();
    if (overview == null) {
      JobFailures.status(() -> status(job)); // throws the one line naming the JobManager
      throw new IllegalStateException(
          "cannot read the task slots of the Flink cluster at " + master);
    }
    return overview;
  }

  /** The cluster's slots, or null when the request failed (the job's status poll reports why). */
  private ClusterOverviewWithVersion overviewOrNull() throws InterruptedException {
    try {
      return client
          .sendRequest(
              ClusterOverviewHeaders.getInstance(),
              EmptyMessageParameters.getInstance(),
              EmptyRequestBody.getInstance())
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return null;
    }
  }

  /** The cluster's slots, or null while the JobManager does not answer (for the wait). */
  private ClusterOverviewWithVersion overviewQuietly() {
    try {
      return overviewOrNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public JobStatus status(JobID job) throws Exception {
    return client.getJobStatus(current(job)).get();
  }

  @Override
  public void cancel(JobID job) throws Exception {
    client.cancel(current(job)).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    gate.close();
    client.close();
  }
}
