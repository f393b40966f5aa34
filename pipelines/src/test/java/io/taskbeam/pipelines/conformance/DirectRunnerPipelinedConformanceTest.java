package io.taskbeam.pipelines.conformance;

import java.util.List;

/**
 * The conformance suite on Beam's DirectRunner with {@code --pipelined}: tasks start while the
 * program submits, and every answer stays the sequential program's across the flush boundaries the
 * flusher happens to choose.
 */
class DirectRunnerPipelinedConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=DirectRunner", "--parallelism=2", "--pipelined=true");
  }
}
