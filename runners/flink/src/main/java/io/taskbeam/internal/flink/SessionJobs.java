package io.taskbeam.internal.flink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;

/**
 * Runs a session's Beam pipelines on the session's {@link JobTarget}, so that every sync point
 * reuses one cluster connection (or one embedded mini cluster) instead of Flink's per-job clients.
 * Beam's Flink runner asks Flink for its environment when the master is {@code [auto]}; for the
 * length of {@link #run} the session's options say {@code [auto]} and this class answers with an
 * environment whose executor translates the plan into a job graph and submits it to the target.
 * Everything else of Beam's translation (parallelism, execution mode, accumulators) stays Beam's
 * and Flink's own. Outside {@link #run}, {@code [auto]} keeps Flink's default, a local environment.
 *
 * <p><b>A failed job</b> is held back from Beam's {@code FlinkRunner}, which logs every failure at
 * ERROR with its whole trace (125 lines for one failed task) before it rethrows it, through
 * whatever logging the program has. Instead the job's result reaches Beam as an empty success and
 * {@link #run} throws the failure, wrapped as Beam wraps it; the session reports it in one line and
 * keeps the trace in the run directory.
 */
public final class SessionJobs {
  private static final String EXECUTOR = "taskbeam-session";
  private static final Map<PipelineOptions, Session> SESSIONS =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

  /** The failure of the job {@link #run} awaited on this thread, kept from Beam's runner. */
  private static final ThreadLocal<Exception> FAILED = new ThreadLocal<>();

  /** One session's target and the configuration its jobs are translated with. */
  private record Session(
      JobTarget target, Configuration jobConfig, ClassLoader classes, Set<JobID> running) {}

  private SessionJobs() {}

  /** Routes the jobs of {@code options}' pipelines to {@code target} until {@link #release}. */
  static void open(
      PipelineOptions options, JobTarget target, Configuration jobConfig, ClassLoader classes) {
    Configuration config = new Configuration(jobConfig);
    config.set(DeploymentOptions.TARGET, EXECUTOR);
    config.set(DeploymentOptions.ATTACHED, true);
    Session old =
        SESSIONS.put(options, new Session(target, config, classes, ConcurrentHashMap.newKeySet()));
    if (old != null) {
      old.target().close();
    }
  }

  /** Closes the session's target (embedded: stops its mini cluster); no-op for other runners. */
  static void release(PipelineOptions options) {
    Session session = SESSIONS.remove(options);
    if (session != null) {
      session.target().close();
    }
  }

  /**
   * Cancels the session's jobs still running and waits, at most {@code bound}, for each to end: the
   * driver is going away, and a job it does not own any more would only fail on its deleted work
   * directory. Returns what happened, one clause per job, or null when none was running.
   */
  static String cancelRunning(PipelineOptions options, Duration bound) {
    Session session = SESSIONS.get(options);
    if (session == null || session.running().isEmpty()) {
      return null;
    }
    List<String> outcomes = new ArrayList<>();
    long deadline = System.nanoTime() + bound.toNanos();
    for (JobID id : List.copyOf(session.running())) {
      long start = System.nanoTime();
      String outcome;
      try {
        session.target().cancel(id);
        JobStatus status = session.target().status(id);
        while (!status.isGloballyTerminalState() && System.nanoTime() < deadline) {
          Thread.sleep(50);
          status = session.target().status(id);
        }
        outcome =
            status.isGloballyTerminalState()
                ? String.format(
                    Locale.ROOT,
                    "cancelled Flink job %s (%s in %.1f s)",
                    id,
                    status,
                    (System.nanoTime() - start) / 1e9)
                : "asked Flink to cancel job " + id + " (still " + status + " after " + bound + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = "could not cancel Flink job " + id + ": interrupted";
      } catch (Exception e) {
        outcome = "could not cancel Flink job " + id + ": " + rootMessage(e);
      }
      outcomes.add(outcome);
    }
    return String.join("; ", outcomes);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
  }

  /** Runs {@code pipeline} (built with {@code options}) to its end on the session's target. */
  static PipelineResult run(Pipeline pipeline, PipelineOptions options) {
    Session session = SESSIONS.get(options);
    if (session == null) {
      return pipeline.run();
    }
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    boolean attached = flink.getAttachedMode();
    flink.setFlinkMaster("[auto]");
    flink.setAttachedMode(true);
    CURRENT.set(session);
    Environment.enter();
    try {
      PipelineResult result = pipeline.run();
      Exception failed = FAILED.get();
      if (failed != null) {
        throw new RuntimeException("Pipeline execution failed", failed); // as FlinkRunner wraps it
      }
      return result;
    } finally {
      Environment.exit();
      CURRENT.remove();
      FAILED.remove();
      flink.setFlinkMaster(master);
      flink.setAttachedMode(attached);
    }
  }

  /**
   * The environment Beam gets for {@code [auto]} while {@link #run} runs. Deprecated in Flink 1.19
   * with the DataSet API, which Beam's Flink runner still translates batch pipelines to.
   */
  @SuppressWarnings("deprecation")
  private static final class Environment extends ExecutionEnvironment {
    private Environment(Session session) {
      super(new Loader(session), new Configuration(session.jobConfig()), session.classes());
    }

    /** Sessions inside {@link #run} now, on any thread. */
    private static int running;

    /**
     * Installs the context environment while a session's pipeline runs. Only then: while a context
     * environment is installed Flink refuses to create a {@code LocalEnvironment}, which a plain
     * Beam pipeline with {@code --flinkMaster=[local]} in the same JVM needs.
     */
    static synchronized void enter() {
      if (running++ == 0) {
        initializeContextEnvironment(
            () -> {
              Session session = CURRENT.get();
              return session == null
                  ? ExecutionEnvironment.createLocalEnvironment()
                  : new Environment(session);
            });
      }
    }

    static synchronized void exit() {
      if (--running == 0) {
        resetContextEnvironment();
      }
    }
  }

  private record Loader(Session session) implements PipelineExecutorServiceLoader {
    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration config) {
      return new PipelineExecutorFactory() {
        @Override
        public String getName() {
          return EXECUTOR;
        }

        @Override
        public boolean isCompatibleWith(Configuration c) {
          return true;
        }

        @Override
        public PipelineExecutor getExecutor(Configuration c) {
          return (pipeline, conf, classes) -> {
            JobGraph job = PipelineExecutorUtils.getJobGraph(pipeline, conf, classes);
            JobID id = session.target().submit(job);
            session.running().add(id);
            return CompletableFuture.completedFuture(new Client(session, id, classes));
          };
        }
      };
    }

    @Override
    public java.util.stream.Stream<String> getExecutorNames() {
      return java.util.stream.Stream.of(EXECUTOR);
    }
  }

  /** A submitted job; its result is awaited on the calling thread. */
  private record Client(Session session, JobID id, ClassLoader classes) implements JobClient {
    private JobTarget target() {
      return session.target();
    }

    @Override
    public JobID getJobID() {
      return id;
    }

    @Override
    public CompletableFuture<JobStatus> getJobStatus() {
      return call(() -> target().status(id));
    }

    @Override
    public CompletableFuture<Void> cancel() {
      return call(
          () -> {
            target().cancel(id);
            return null;
          });
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(
        boolean drain, String dir, SavepointFormatType format) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("taskbeam runs batch jobs: no savepoints"));
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String dir, SavepointFormatType format) {
      return stopWithSavepoint(false, dir, format);
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAccumulators() {
      return getJobExecutionResult().thenApply(JobExecutionResult::getAllAccumulatorResults);
    }

    /**
     * Blocks until the job ended. A failed job completes the future with Flink's exception, except
     * on the thread of {@link #run}: there the failure is kept for {@link #run} to throw and Beam
     * sees an empty result, so that its runner does not log the failure (see the class note).
     */
    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
      try {
        return CompletableFuture.completedFuture(
            target().awaitResult(id).toJobExecutionResult(classes));
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (CURRENT.get() != session) {
          return CompletableFuture.failedFuture(e);
        }
        FAILED.set(e);
        return CompletableFuture.completedFuture(new JobExecutionResult(id, 0, Map.of()));
      } finally {
        session.running().remove(id);
      }
    }

    private static <T> CompletableFuture<T> call(java.util.concurrent.Callable<T> action) {
      try {
        return CompletableFuture.completedFuture(action.call());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(e);
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
