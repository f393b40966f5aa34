package io.taskbeam.pipelines.conformance;

import io.taskbeam.pipelines.LongTests;
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

  /**
   * Only with {@code -Plong}: pipelined, they already run on the in-memory runner and on embedded
   * Flink (a Beam runner, as here), and on this runner without {@code --pipelined}.
   */
  @Override
  protected boolean runsApplications() {
    return LongTests.enabled();
  }
}
