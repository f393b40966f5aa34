package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded Flink session runs all its sync points on one mini cluster, keeps a failed job from
 * breaking the next one, and leaves no Flink thread behind when it closes (a thread left running
 * would keep the program's JVM from exiting).
 */
public class EmbeddedSessionTest { // public: its tasks are called through method references
  @TempDir Path work;

  @Task
  public static long twice(long x) {
    return 2 * x;
  }

  @Task
  public static long fail(long x) {
    throw new IllegalArgumentException("no " + x);
  }

  @Test
  void syncPointsShareOneClusterAndCloseStopsIt() throws InterruptedException {
    assertThat("no Flink thread before the session", flinkThreads(), is(empty()));
    try (TaskBeam tb = embedded()) {
      for (long i = 1; i <= 3; i++) {
        assertThat(tb.waitOn(tb.submit(EmbeddedSessionTest::twice, i)), is(2 * i));
        // between sync points the session's cluster stays up (Beam's [local] stopped it)
        assertThat(flinkThreads().isEmpty(), is(false));
      }
      TaskFuture<Long> bad = tb.submit(EmbeddedSessionTest::fail, 7L);
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(bad));
      assertThat(e.getMessage(), containsString("no 7"));
      assertThat(tb.waitOn(tb.submit(EmbeddedSessionTest::twice, 21L)), is(42L));
      assertThat(tb.reports().size(), is(4)); // the failed sync point has no report
    }
    List<String> left = List.of();
    for (int i = 0; i < 100; i++) {
      left = flinkThreads();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(left, is(empty()));
  }

  @Test
  void aPlainBeamPipelineOnLocalFlinkRunsAfterASession() {
    try (TaskBeam tb = embedded()) {
      assertThat(tb.waitOn(tb.submit(EmbeddedSessionTest::twice, 4L)), is(8L));
    }
    // a session's context environment used to stay installed, and Flink then refused to create
    // the LocalEnvironment a plain [local] pipeline needs ("LocalEnvironment cannot be
    // instantiated")
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(1);
    Pipeline plain = Pipeline.create(options);
    PAssert.that(
            plain
                .apply(Create.of(1L, 2L, 3L))
                .apply(MapElements.into(TypeDescriptors.longs()).via((Long x) -> 2 * x)))
        .containsInAnyOrder(2L, 4L, 6L);
    assertThat(plain.run().waitUntilFinish(), is(PipelineResult.State.DONE));
  }

  /** A session on embedded Flink, one slot, no observation. */
  private TaskBeam embedded() {
    return TaskBeam.start(
        "--runner=FlinkRunner",
        "--flinkMaster=[local]",
        "--parallelism=1",
        "--workDir=" + work,
        "--observe=false");
  }

  private static List<String> flinkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("flink-"))
        .map(Thread::getName)
        .toList();
  }
}
