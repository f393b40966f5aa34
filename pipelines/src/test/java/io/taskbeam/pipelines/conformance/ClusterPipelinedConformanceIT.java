package io.taskbeam.pipelines.conformance;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.SharedFlinkCluster;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite on the real Flink session cluster with {@code --pipelined}: tasks start
 * while the program submits, several jobs are in flight at once on the cluster's slots ({@code
 * --jobsInFlight=4}; one at a time is Flink's default), and every answer stays the sequential
 * program's across the flush boundaries the flusher happens to choose. The applications run with
 * {@code -Plong} only, as in {@link ClusterConformanceIT}.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(4)
class ClusterPipelinedConformanceIT extends ConformanceSuite {
  private static LocalFlinkCluster cluster;

  @BeforeAll
  static void useTheSharedCluster(SharedFlinkCluster shared) {
    cluster = shared.cluster();
  }

  @Override
  protected boolean runsApplications() {
    return io.taskbeam.pipelines.LongTests.enabled();
  }

  /**
   * Three: the many more run in memory and on the DirectRunner; here each wait is a Flink job per
   * flush.
   */
  @Override
  protected int randomPrograms() {
    return 3;
  }

  @Override
  protected List<String> runnerArgs() {
    return List.of(
        "--profile=flink-cluster",
        "--flinkMaster=" + cluster.restAddress(),
        "--parallelism=2",
        "--pipelined=true",
        "--jobsInFlight=4");
  }
}
