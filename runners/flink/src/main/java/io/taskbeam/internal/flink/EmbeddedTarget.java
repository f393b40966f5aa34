package io.taskbeam.internal.flink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink mini cluster in this JVM, started once per session and kept until the session closes.
 * Beam's {@code [local]} environment starts and stops one for every job, which was two thirds of an
 * embedded sync point. One TaskManager with a slot per worker, its REST endpoint on a free loopback
 * port. It starts on a thread of its own while the program submits its first tasks and Beam
 * translates the first pipeline (both mostly class loading in a fresh JVM, as is the cluster's
 * start); the first job waits for it, and a failed start fails that job.
 */
final class EmbeddedTarget implements JobTarget {
  private static final ConfigOption<Boolean> LEAK_CHECK =
      ConfigOptions.key("classloader.check-leaked-classloader").booleanType().defaultValue(true);

  /** How long {@link #close} waits for the mini cluster to stop. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private static final String REQUIREMENT_CHECK_DELAY = "slotmanager.requirement-check.delay";
  private final CompletableFuture<MiniCluster> starting;

  /** Stops the cluster of a program that ended without closing its session. */
  private final Thread watch;

  EmbeddedTarget(Configuration settings, int slots) {
    Configuration config = new Configuration(settings);
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_PORT, "0");
    config.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    // as on taskbeam clusters (flink/conf/config.yaml): no 50 ms batching of slot requests
    if (!config.containsKey(REQUIREMENT_CHECK_DELAY)) {
      config.setString(REQUIREMENT_CHECK_DELAY, "1 ms");
    }
    // Beam's local environment turns it off too: jobs of one session share the JVM's classes
    config.set(LEAK_CHECK, false);
    MiniClusterConfiguration cluster =
        new MiniClusterConfiguration.Builder()
            .setConfiguration(config)
            .setNumTaskManagers(1)
            .setNumSlotsPerTaskManager(slots)
            .build();
    ClassLoader classes = Thread.currentThread().getContextClassLoader();
    this.starting = new CompletableFuture<>();
    ThreadGroup program = Thread.currentThread().getThreadGroup();
    ThreadGroup flink = new ThreadGroup(program, "taskbeam-embedded-flink");
    Thread starter =
        new Thread(
            flink, // Flink's threads are made by this one and its own: they inherit its group
            () -> {
              Thread.currentThread().setContextClassLoader(classes);
              MiniCluster started = new MiniCluster(cluster);
              try {
                started.start();
                starting.complete(started);
              } catch (Throwable e) {
                started.closeAsync();
                starting.completeExceptionally(e);
              }
            },
            "taskbeam-embedded-flink-start");
    starter.setDaemon(true);
    starter.start();
    this.watch = ProgramEndWatch.start(program, flink, this::close);
  }

  private MiniCluster cluster() throws Exception {
    try {
      return starting.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the embedded Flink cluster did not start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public JobID submit(JobGraph job) throws Exception {
    return cluster().submitJob(job).get().getJobID();
  }

  @Override
  public JobResult awaitResult(JobID job) throws Exception {
    return cluster().requestJobResult(job).get();
  }

  @Override
  public JobStatus status(JobID job) throws Exception {
    return cluster().getJobStatus(job).get();
  }

  @Override
  public void cancel(JobID job) throws Exception {
    cluster().cancelJob(job).get();
  }

  /**
   * Stops the mini cluster, waiting at most {@link #CLOSE_WAIT}: in a JVM going down after SIGTERM
   * its close could wait forever (the program then never ended).
   */
  @Override
  public void close() {
    if (Thread.currentThread() != watch) {
      watch.interrupt();
    }
    try {
      cluster().closeAsync().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(
          "taskbeam: the embedded Flink cluster did not stop within "
              + CLOSE_WAIT.toSeconds()
              + " s; going on without it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // closing at the end of a session (or a cluster that never started): nothing to save
    }
  }
}
