package io.taskbeam.pipelines.conformance;

import java.util.List;

/**
 * The conformance suite on taskbeam's in-memory runner: the same bodies as on Beam's runners, in a
 * fraction of the time, so a semantic bug of the engine shows here before any pipeline starts.
 */
class InMemoryConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=InMemoryRunner", "--parallelism=2");
  }

  @Override
  protected int randomPrograms() {
    return 150;
  }
}
