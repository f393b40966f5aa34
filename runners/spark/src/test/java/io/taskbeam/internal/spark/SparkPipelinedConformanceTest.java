package io.taskbeam.internal.spark;

import io.taskbeam.pipelines.conformance.ConformanceSuite;
import java.util.List;

/**
 * The conformance suite on Beam's SparkRunner with {@code --pipelined}: Spark runs one job at a
 * time, so the flusher's jobs run in flush order, and every answer stays the sequential program's
 * across the flush boundaries it chooses.
 */
class SparkPipelinedConformanceTest extends ConformanceSuite {
  /**
   * Three: the many more run in memory and on the DirectRunner; here each wait is a Spark job per
   * flush.
   */
  @Override
  protected int randomPrograms() {
    return 3;
  }

  @Override
  protected List<String> runnerArgs() {
    return List.of(
        "--runner=SparkRunner", "--sparkMaster=local[2]", "--parallelism=2", "--pipelined=true");
  }

  /** The applications run on Spark without {@code --pipelined} ({@link SparkConformanceTest}). */
  @Override
  protected boolean runsApplications() {
    return false;
  }
}
