package io.taskbeam.pipelines.conformance;

import java.util.List;

/**
 * The conformance suite on the in-memory runner with {@code --pipelined}: tasks start while the
 * program submits, and every answer stays the sequential program's across the flush boundaries the
 * flusher happens to choose.
 */
class InMemoryPipelinedConformanceTest extends ConformanceSuite {
  @Override
  protected List<String> runnerArgs() {
    return List.of("--runner=InMemoryRunner", "--parallelism=2", "--pipelined=true");
  }
}
