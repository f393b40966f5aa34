package io.taskbeam.pipelines.conformance;

import java.util.List;

/** The conformance suite on Beam's DirectRunner. */
class DirectRunnerConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=DirectRunner", "--parallelism=2");
  }
}
