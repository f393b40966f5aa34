package io.taskbeam;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;

/**
 * {@code --runner=InMemoryRunner}: taskbeam's own runner, no Beam pipeline and no runner artifact.
 * Each sync point's tasks run one after another on the program's thread, with values encoded
 * between stages as on a cluster, so a program gives the answer it gives on Flink. It is meant for
 * tests of a program's logic (milliseconds per sync point) and for debugging with breakpoints in
 * task methods; it runs nothing in parallel.
 *
 * <p>It is named to Beam as a runner so that the option parses like any other; Beam itself cannot
 * run pipelines with it.
 */
public final class InMemoryRunner extends PipelineRunner<PipelineResult> {
  private InMemoryRunner() {}

  /** Beam's factory method for runners named by {@code --runner}. */
  public static InMemoryRunner fromOptions(PipelineOptions options) {
    return new InMemoryRunner();
  }

  /** Refuses Beam pipelines: this runner runs taskbeam sessions only. */
  @Override
  public PipelineResult run(Pipeline pipeline) {
    throw new UnsupportedOperationException(
        "InMemoryRunner runs taskbeam programs (TaskBeam.start), not Beam pipelines: "
            + "use --runner=DirectRunner for a Beam pipeline");
  }

  /** Makes {@code --runner=InMemoryRunner} known to Beam's option parser. */
  public static final class Registrar implements PipelineRunnerRegistrar {
    /** Called by {@link java.util.ServiceLoader}. */
    public Registrar() {}

    @Override
    public Iterable<Class<? extends PipelineRunner<?>>> getPipelineRunners() {
      return List.of(InMemoryRunner.class);
    }
  }
}
