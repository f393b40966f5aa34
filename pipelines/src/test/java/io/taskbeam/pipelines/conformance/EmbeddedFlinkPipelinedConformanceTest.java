package io.taskbeam.pipelines.conformance;

import java.util.List;

/**
 * The applications against their sequential references on a Flink mini cluster inside the test JVM
 * with {@code --pipelined}: jobs are submitted from the flusher's thread while the program goes on.
 * This is where CI runs the applications on Flink ({@code ClusterConformanceIT} and {@code
 * ClusterPipelinedConformanceIT} run them only with {@code -Plong}); the bodies run pipelined on
 * the real cluster ({@code ClusterPipelinedConformanceIT}, the same runner with jobs in flight), so
 * they run here only with {@code -Plong}.
 */
class EmbeddedFlinkPipelinedConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--profile=flink-embedded", "--parallelism=2", "--pipelined=true");
  }

  @Override
  protected boolean runsBodies() {
    return io.taskbeam.pipelines.LongTests.enabled();
  }
}
