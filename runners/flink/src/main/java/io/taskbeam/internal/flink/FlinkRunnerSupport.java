package io.taskbeam.internal.flink;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.flink.spi.FlinkTls;
import io.taskbeam.internal.beam.RunnerSupport;
import io.taskbeam.spi.WorkerGauges;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Flink behind the runner seam: {@link FlinkSetup} before the first job, chunks keyed by {@link
 * ChunkPlacement} so they spread evenly over the TaskManagers' slots, every job through the
 * session's one cluster connection or embedded cluster ({@link SessionJobs}, closed with the
 * session), and a failed task (after its own retries) wrapped so that Flink does not restart the
 * job: its restart strategy is for lost TaskManagers, and rerunning every task would only fail the
 * same way again. A TaskManager lost with no spare slot ends the job ({@link ClusterTarget}); the
 * session then plans its jobs for the slots that remain ({@link Target#resize}).
 */
public final class FlinkRunnerSupport implements RunnerSupport {
  @Override
  public boolean supports(String runnerClass) {
    return FlinkSetup.isFlink(runnerClass);
  }

  /**
   * {@code preload-flink-local.txt} for a mini cluster in this JVM ({@code --flinkMaster} absent,
   * {@code [auto]}, {@code [local]}), else {@code preload-flink.txt} (a remote cluster's client);
   * both next to this class. The last {@code --flinkMaster} given counts, as when Beam parses it.
   */
  @Override
  public String preloadList(List<String> args) {
    String master = null;
    for (String a : args) {
      if (a.startsWith("--flinkMaster=")) {
        master = a.substring("--flinkMaster=".length());
      }
    }
    return FlinkSetup.isEmbedded(master) ? "preload-flink-local.txt" : "preload-flink.txt";
  }

  @Override
  public Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
    FlinkSetup.Target flink = FlinkSetup.prepare(options, requested, sessionDir);
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    String name = "FlinkRunner @ " + master;
    boolean embedded = FlinkSetup.isEmbedded(master);
    FlinkTls tls =
        embedded || options.getFlinkTls() == null
            ? null
            : FlinkTls.load(Path.of(options.getFlinkTls()));
    long heap =
        embedded ? Runtime.getRuntime().maxMemory() : ClusterProbe.largestTaskHeap(master, tls);
    // the dashboard's workers panel: the TaskManagers over REST, or this JVM for a mini cluster
    WorkerGauges gauges = embedded ? WorkerGauges.driverJvm() : new ClusterGauges(master, tls);
    AtomicInteger parallelism = new AtomicInteger(flink.parallelism());
    return new Target() {
      @Override
      public long workerHeapBytes() {
        return heap;
      }

      @Override
      public int parallelism() {
        return parallelism.get();
      }

      @Override
      public WorkerGauges workerGauges() {
        return gauges;
      }

      /**
       * Jobs of a session may run at once on the cluster's (or embedded cluster's) slots when asked
       * ({@code --jobsInFlight}); not by default: Flink hands the slots to jobs at once task by
       * task, and a program of many small jobs ran slower so.
       */
      @Override
      public int jobsInFlight(int asked) {
        return asked == 0 ? 1 : asked;
      }

      /**
       * The mini cluster's TaskManager is this JVM: one long-lived job holds its slots and runs
       * every job's chunks (a cluster's TaskManagers are other JVMs, out of the queue's reach).
       */
      @Override
      public boolean hostsLongLivedJob() {
        return flink.embedded();
      }

      /** A TaskManager of a cluster can be lost mid-job, and the job restarted. */
      @Override
      public boolean rerunsChunks() {
        return !flink.embedded();
      }

      /**
       * With {@code --parallelism=-1} on a cluster, the next job's parallelism is the slots of the
       * TaskManagers Flink lists now and that are not leaving, less the slots that were busy at
       * start: TaskManagers that joined are used, and drained ones left out. One line when it
       * changes. An explicit {@code --parallelism} stays as given.
       */
      @Override
      public void refresh() {
        if (requested != -1 || !(flink.jobs() instanceof ClusterTarget cluster)) {
          return;
        }
        int usable = cluster.usableSlots();
        int next = usable - flink.reserved();
        int was = parallelism.get();
        if (usable < 1 || next < 1 || next == was) {
          return;
        }
        parallelism.set(next);
        options.as(FlinkPipelineOptions.class).setParallelism(next);
        System.err.println(
            "taskbeam: the cluster now has "
                + usable
                + " usable task slots (was "
                + (was + flink.reserved())
                + "); next jobs run on "
                + next);
      }

      /** After a lost TaskManager ({@link ClusterTarget}): later jobs use the slots left. */
      @Override
      public boolean resize(int workers) {
        if (flink.embedded() || workers < 1) {
          return false;
        }
        parallelism.set(workers);
        options.as(FlinkPipelineOptions.class).setParallelism(workers);
        return true;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return flink.description();
      }

      @Override
      public IntUnaryOperator chunkKeys(int chunks) {
        return ChunkPlacement.forFlink(chunks, parallelism.get());
      }

      @Override
      public FailureMapper failures() {
        return SuppressRestartsException::new;
      }

      @Override
      public PipelineResult run(Pipeline pipeline) {
        return SessionJobs.run(pipeline, options);
      }

      @Override
      public String cancelRunning(java.time.Duration bound) {
        return SessionJobs.cancelRunning(options, bound);
      }

      @Override
      public void close() {
        SessionJobs.release(options);
      }
    };
  }
}
