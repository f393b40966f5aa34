package io.taskbeam.internal.beam;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFailedException;
import io.taskbeam.spi.WorkerGauges;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.IntUnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * What taskbeam knows about one Beam runner, found with {@link ServiceLoader} so that a runner's
 * support ships with the artifact a user adds for that runner (as Beam's runners do): the session's
 * parallelism and checks before the first job, how chunks are keyed, how a task's failure leaves a
 * worker, how the driver runs and waits for a job, what it releases when the session ends. A runner
 * without support gets {@link #generic}: Beam's defaults.
 */
public interface RunnerSupport {
  /** Whether this support is for the runner class named {@code runnerClass}. */
  boolean supports(String runnerClass);

  /**
   * Prepares {@code options} for the session's jobs (checks the target, sizes the parallelism, sets
   * runner options) once before the first job. {@code requested} is {@code --parallelism}, -1 for
   * the runner's default; {@code sessionDir} may receive generated files.
   */
  Target prepare(TaskBeamOptions options, int requested, Path sessionDir);

  /**
   * The classes a fresh driver's first sync point on this runner loads, for {@code ClassPreload} to
   * load ahead on a thread of its own: the name of a resource next to this support's class (one
   * class name a line, in loading order, recorded by {@code benchmarks/preload-lists}), or null for
   * none. The runner's artifact holds the list because it knows those classes; the SDK does not.
   * {@code args} are the program's arguments (profiles expanded, not yet parsed), for a runner
   * whose first sync point depends on them (Flink: a mini cluster or a remote one).
   */
  default String preloadList(List<String> args) {
    return null;
  }

  /** A prepared runner: everything the Beam layer asks of it while the session runs. */
  interface Target {
    /**
     * The largest heap of any worker, in bytes, or -1 when unknown. The default is this JVM's:
     * right for runners whose workers run in the driver's JVM.
     */
    default long workerHeapBytes() {
      return Runtime.getRuntime().maxMemory();
    }

    /** The workers each stage is spread over. */
    int parallelism();

    /**
     * Reads the workers again before the next job is planned ({@link
     * io.taskbeam.internal.plan.Runner#beforeJob}); a runner whose workers are fixed does nothing.
     */
    default void refresh() {}

    /**
     * CPU, heap and slots of the workers for the dashboard. The default is this JVM's: right for
     * runners whose workers run in the driver's JVM (Spark's local mode shows its driver too).
     */
    default WorkerGauges workerGauges() {
      return WorkerGauges.driverJvm();
    }

    /** The runner's name for reports. */
    String name();

    /** Where jobs run, in one line. */
    String description();

    /** Group keys for the {@code chunks} chunks of one stage: chunk index to key. */
    default IntUnaryOperator chunkKeys(int chunks) {
      return IntUnaryOperator.identity();
    }

    /** What a worker throws when a task failed after its own retries. */
    default FailureMapper failures() {
      return FailureMapper.AS_IS;
    }

    /** Runs {@code pipeline} (built with the session's options); the result may still run. */
    default PipelineResult run(Pipeline pipeline) {
      return pipeline.run();
    }

    /** Waits for a job to end. */
    default PipelineResult.State await(PipelineResult result) {
      return result.waitUntilFinish();
    }

    /**
     * Whether a chunk may run again after it changed files (its worker is lost and the job
     * restarted): then calls that modify files in place keep them as they were first ({@code
     * PreImages}), one copy per call. Runners whose workers live in the driver's JVM never do.
     */
    default boolean rerunsChunks() {
      return false;
    }

    /**
     * Plans this and later jobs for {@code parallelism} workers, after {@link WorkersLost}; false
     * when the runner cannot (the failure then ends the sync point).
     */
    default boolean resize(int parallelism) {
      return false;
    }

    /**
     * Cancels the session's jobs still running, waiting at most {@code bound} for them to end (the
     * driver is going away); returns what happened in one line, or null when there was nothing to
     * cancel or the runner cannot (its jobs run in this JVM and end with it).
     */
    default String cancelRunning(java.time.Duration bound) {
      return null;
    }

    /** Releases what {@link RunnerSupport#prepare} opened for the session; must not throw. */
    default void close() {}

    /** As {@link io.taskbeam.internal.plan.Runner#jobsInFlight}: 1 for runners of one at a time. */
    default int jobsInFlight(int asked) {
      return 1;
    }

    /**
     * Whether the session's jobs may run on one long-lived pipeline of this runner ({@code
     * LongLivedJob}) instead of a pipeline each: only for runners whose workers are threads of the
     * driver's JVM, which is where that pipeline's workers find the session's queue of chunks.
     */
    default boolean hostsLongLivedJob() {
      return false;
    }

    /** A target with every other behaviour the default: for runners that need no more. */
    static Target of(int parallelism, String name, String description) {
      return of(parallelism, name, description, 1, false);
    }

    /**
     * As {@link #of(int, String, String)}, running up to {@code jobsInFlight} jobs at once by
     * default (more when asked, if above 1), and on a long-lived pipeline when {@code longLived}.
     */
    static Target of(
        int parallelism, String name, String description, int jobsInFlight, boolean longLived) {
      return new Target() {
        @Override
        public boolean hostsLongLivedJob() {
          return longLived;
        }

        @Override
        public int jobsInFlight(int asked) {
          return jobsInFlight == 1 || asked == 0 ? jobsInFlight : asked;
        }

        @Override
        public int parallelism() {
          return parallelism;
        }

        @Override
        public String name() {
          return name;
        }

        @Override
        public String description() {
          return description;
        }
      };
    }
  }

  /**
   * Thrown (possibly wrapped) by {@link Target#await} when workers were lost for good and the job,
   * already cancelled, cannot finish at its parallelism: the driver re-runs the sync point on the
   * {@code remaining} workers ({@link Target#resize}). Chunk results the cancelled job stored in
   * the work directory are reused, not recomputed.
   */
  final class WorkersLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int remaining;

    public WorkersLost(int remaining, String message) {
      super(message);
      if (remaining < 1) {
        throw new IllegalArgumentException("remaining workers must be positive: " + remaining);
      }
      this.remaining = remaining;
    }

    /** The workers left for the re-run. */
    public int remaining() {
      return remaining;
    }
  }

  /** Turns a task's failure into what the worker throws; shipped with every stage. */
  @FunctionalInterface
  interface FailureMapper extends Serializable {
    FailureMapper AS_IS = e -> e;

    RuntimeException map(TaskFailedException failure);
  }

  /** The support for {@code options}' runner: a registered one, else {@link #generic}. */
  static RunnerSupport forRunner(TaskBeamOptions options) {
    String runner = options.getRunner().getName();
    for (RunnerSupport s :
        ServiceLoader.load(RunnerSupport.class, RunnerSupport.class.getClassLoader())) {
      if (s.supports(runner)) {
        return s;
      }
    }
    return generic();
  }

  /** Beam's defaults: the requested parallelism, or the machine's cores. */
  static RunnerSupport generic() {
    return new RunnerSupport() {
      @Override
      public boolean supports(String runnerClass) {
        return true;
      }

      @Override
      public Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
        int parallelism = requested == -1 ? Runtime.getRuntime().availableProcessors() : requested;
        String name = options.getRunner().getSimpleName();
        return Target.of(parallelism, name, name + ", parallelism " + parallelism);
      }
    };
  }
}
