package io.taskbeam.bench;

import java.util.Arrays;
import java.util.List;

/** The configurations the suite compares, by their name in {@code results.csv}. */
public enum Config {
  /** EJML's product of the whole matrices in one thread. */
  SEQ_EJML("seq-ejml", false),
  /** One dgemm of the whole matrices in our kernel; workers = OpenBLAS threads. */
  SEQ_BLAS("seq-blas", false),
  /** taskbeam's in-memory runner: one thread, no Beam; workers only shape the plans. */
  MEMORY("memory", true),
  /** taskbeam on Beam's DirectRunner; workers = --parallelism. */
  DIRECT("direct", true),
  /**
   * taskbeam on Beam's DirectRunner with {@code --pipelined}: tasks start as they are submitted.
   */
  DIRECT_PIPELINED("direct-pipelined", true),
  /**
   * taskbeam on Beam's DirectRunner with {@code --longLivedJob=false}: a pipeline built and started
   * per job, as before the long-lived job; beside {@code direct}, what that job saves.
   */
  DIRECT_PER_JOB("direct-perjob", true),
  /**
   * taskbeam on Beam's DirectRunner with {@code --checkpoint=off}: beside {@code direct} (whose
   * default is {@code sync}), the cost of journaling finished tasks (issue 24: <= 5%).
   */
  DIRECT_NO_CHECKPOINT("direct-nocheckpoint", true),
  /**
   * taskbeam on Beam's DirectRunner with {@code --checkpoint=tasks:100}: a job, so a checkpoint,
   * every 100 tasks (the seed shape's one sync point becomes 10 jobs).
   */
  DIRECT_CHECKPOINT_TASKS100("direct-checkpoint-tasks100", true),
  /**
   * taskbeam on Beam's DirectRunner with {@code --dashboard=off}: beside {@code direct} (whose
   * default serves the live dashboard), the dashboard's cost on the seed shape (issue 25: <= 3%).
   */
  DIRECT_NO_DASHBOARD("direct-nodashboard", true),
  /** taskbeam on Flink's embedded mini cluster ({@code --flinkMaster=[local]}). */
  FLINK_EMBEDDED("flink-embedded", true),
  /**
   * Flink's embedded mini cluster with {@code --longLivedJob=false}: a Flink job per taskbeam job,
   * as before the long-lived job; beside {@code flink-embedded}, what that job saves.
   */
  FLINK_EMBEDDED_PER_JOB("flink-embedded-perjob", true),
  /** taskbeam on the real local Flink cluster; workers = TaskManagers of one slot each. */
  FLINK_CLUSTER("flink-cluster", true),
  /**
   * The local Flink cluster with {@code --pipelined}: tasks start as they are submitted; runs the
   * workloads that measure exactly that ({@code overlap}, {@code first-task}, {@code sync}).
   */
  FLINK_CLUSTER_PIPELINED("flink-cluster-pipelined", true),
  /** The peer: Dask distributed, a LocalCluster of single-threaded worker processes. */
  DASK("dask", true);

  private final String label;
  private final boolean taskBased;

  Config(String label, boolean taskBased) {
    this.label = label;
    this.taskBased = taskBased;
  }

  public String label() {
    return label;
  }

  /** Runs tasks (and so has tasks/s and runs the tiny workload). */
  public boolean taskBased() {
    return taskBased;
  }

  public static Config of(String label) {
    for (Config c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown configuration '" + label + "': use one of " + String.join(", ", labels()));
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Config::label).toList();
  }
}
