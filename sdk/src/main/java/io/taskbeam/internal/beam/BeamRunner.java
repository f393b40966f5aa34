package io.taskbeam.internal.beam;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.observe.FailureLog;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Runner;
import io.taskbeam.spi.WorkerGauges;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * The {@link Runner} on Apache Beam: per sync point it builds the plan's pipeline, runs it to the
 * end on the runner the options name, and turns a task's failure back into a {@link
 * TaskFailedException} at the sync point. What differs between Beam runners is asked of the
 * runner's {@link RunnerSupport}.
 *
 * <p>When the runner reports that workers were lost for good ({@link RunnerSupport.WorkersLost}: on
 * a Flink cluster, a TaskManager gone with no spare slot to restart on), the sync point runs again
 * on the workers that remain, at most {@value #MAX_RERUNS} times. Its chunks find the results the
 * cancelled job already stored and skip them ({@link RunChunkFn}).
 */
public final class BeamRunner implements Runner {
  static final int MAX_RERUNS = 8;
  private final TaskBeamOptions options;
  private final RunnerSupport.Target target;
  private final String attemptDir;
  private final Path sessionDir;

  /** Numbers the runs, so that jobs running at once keep their attempts apart. */
  private final java.util.concurrent.atomic.AtomicInteger runs =
      new java.util.concurrent.atomic.AtomicInteger();

  private BeamRunner(TaskBeamOptions options, RunnerSupport.Target target, Path sessionDir) {
    this.options = options;
    this.target = target;
    this.sessionDir = sessionDir;
    this.attemptDir = target.rerunsChunks() ? sessionDir.resolve("attempts").toString() : null;
  }

  /**
   * The runner for a session: finds the support for {@code options}' runner and prepares it ({@code
   * requested} parallelism, -1 for the runner's default).
   */
  public static BeamRunner start(TaskBeamOptions options, int requested, Path sessionDir) {
    BeamRunner runner =
        new BeamRunner(
            options,
            RunnerSupport.forRunner(options).prepare(options, requested, sessionDir),
            sessionDir);
    runner.startLongLivedJobEarly();
    return runner;
  }

  /**
   * Starts the session's long-lived job on a thread of its own while the program goes on, so that
   * its first job finds the workers running (a cold DirectRunner takes about half a second to start
   * them). A start that fails here is tried again, and fails with its message, at the first job.
   */
  private void startLongLivedJobEarly() {
    if (!runsLongLivedJob()) {
      return;
    }
    Thread starter =
        new Thread(
            () -> {
              try {
                longLivedJob();
              } catch (RuntimeException e) {
                // the first job starts it again and reports why it cannot
              }
            },
            "taskbeam-long-lived-start");
    starter.setDaemon(true);
    starter.start();
  }

  /** The session's long-lived job once started; null before and elsewhere. */
  private LongLivedJob longLived;

  /** Set by {@link #close}: no long-lived job starts after it. */
  private boolean closed;

  @Override
  public Map<String, StoredRef> run(Plan plan) {
    LongLivedJob job = longLivedJob();
    if (job != null) {
      return job.run(plan);
    }
    String attempts =
        attemptDir == null ? null : Path.of(attemptDir, "job-" + runs.incrementAndGet()).toString();
    for (int rerun = 0; ; rerun++) {
      RunnerSupport.WorkersLost lost = runOnce(plan, attempts);
      if (lost == null) {
        break;
      }
      int was = target.parallelism();
      if (rerun == MAX_RERUNS || !target.resize(lost.remaining())) {
        throw new IllegalStateException("the pipeline failed: " + lost.getMessage(), lost);
      }
      String line =
          lost.getMessage()
              + "; running the sync point again at parallelism "
              + lost.remaining()
              + " (was "
              + was
              + "), reusing the chunk results already stored";
      Path trace = FailureLog.append(sessionDir, line, lost);
      System.err.println("taskbeam: " + line + (trace == null ? "" : "; trace in " + trace));
    }
    if (attempts != null) {
      WorkDir.deleteTree(Path.of(attempts)); // the job is done: nothing of it runs again
    }
    Map<String, StoredRef> stored = new LinkedHashMap<>();
    plan.stored().forEach((key, path) -> stored.put(key, new StoredRef(path, key)));
    return stored;
  }

  private synchronized LongLivedJob longLivedJob() {
    if (longLived == null && !closed && runsLongLivedJob()) {
      longLived = LongLivedJob.start(options, target, target.parallelism());
    }
    return longLived;
  }

  /** Whether this session's jobs run on a long-lived job (asked for, and the runner hosts one). */
  private boolean runsLongLivedJob() {
    return options.getLongLivedJob() && target.hostsLongLivedJob();
  }

  /** Runs the plan's job once; returns the loss of workers that stopped it, if one did. */
  private RunnerSupport.WorkersLost runOnce(Plan plan, String attempts) {
    Pipeline pipeline = Pipeline.create(options);
    PipelineBuilder.build(
        pipeline, plan, target::chunkKeys, target.failures(), SessionSeal.of(sessionDir), attempts);
    try {
      PipelineResult.State state = target.await(target.run(pipeline));
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state + " instead of DONE");
      }
      return null;
    } catch (RuntimeException e) {
      TaskFailedException task = find(e, TaskFailedException.class);
      if (task != null) {
        throw FailureLog.withOrigin(
            new TaskFailedException(task.taskName(), task.getMessage(), task.getCause()), e);
      }
      RunnerSupport.WorkersLost lost = find(e, RunnerSupport.WorkersLost.class);
      if (lost != null) {
        return FailureLog.withOrigin(lost, e);
      }
      throw new IllegalStateException("the pipeline failed: " + rootMessage(e), e);
    }
  }

  @Override
  public int jobsInFlight(int asked) {
    return target.jobsInFlight(asked);
  }

  @Override
  public int parallelism() {
    return target.parallelism();
  }

  @Override
  public void beforeJob() {
    target.refresh();
  }

  @Override
  public long workerHeapBytes() {
    return target.workerHeapBytes();
  }

  @Override
  public WorkerGauges workerGauges() {
    return target.workerGauges();
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public String description() {
    return target.description();
  }

  @Override
  public String cancelRunning(java.time.Duration bound) {
    return target.cancelRunning(bound);
  }

  @Override
  public void close() {
    LongLivedJob job;
    synchronized (this) {
      closed = true;
      job = longLived;
    }
    if (job != null) {
      job.close();
    }
    target.close();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The message of {@code e}'s deepest cause, or its class name when it has none. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
  }
}
