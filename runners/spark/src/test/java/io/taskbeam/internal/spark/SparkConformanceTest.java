package io.taskbeam.internal.spark;

import io.taskbeam.pipelines.conformance.ConformanceSuite;
import java.util.List;

/**
 * The conformance suite (the same bodies as on the DirectRunner and Flink) on Beam's SparkRunner,
 * Spark in local mode inside the test JVM with two worker threads.
 */
class SparkConformanceTest extends ConformanceSuite {
  /**
   * Three: the many more run in memory and on the DirectRunner; here each wait is a Spark job per
   * sync point.
   */
  @Override
  protected int randomPrograms() {
    return 3;
  }

  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]", "--parallelism=2");
  }
}
