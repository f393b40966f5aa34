package io.taskbeam.pipelines.conformance;

import java.util.List;

/**
 * The conformance suite on a Flink mini cluster inside the test JVM with {@code --pipelined}: jobs
 * are submitted from the flusher's thread while the program goes on. Flink's one-job-per-sync-point
 * path runs the same bodies on the real cluster ({@code ClusterConformanceIT}, the applications
 * there only with {@code -Plong}: here is where CI runs them on Flink); running both modes on the
 * mini cluster too would add two minutes to every build for little more.
 */
class EmbeddedFlinkPipelinedConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--profile=flink-embedded", "--parallelism=2", "--pipelined=true");
  }
}
