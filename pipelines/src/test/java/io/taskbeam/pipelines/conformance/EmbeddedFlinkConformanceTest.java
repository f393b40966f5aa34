package io.taskbeam.pipelines.conformance;

import java.util.List;

/** The conformance suite on a Flink mini cluster inside the test JVM. */
class EmbeddedFlinkConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--profile=flink-embedded", "--parallelism=2");
  }
}
