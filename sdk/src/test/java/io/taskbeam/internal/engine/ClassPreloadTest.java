package io.taskbeam.internal.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.beam.RunnerSupport;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The preload list is the one the chosen runner's support offers, found as Beam finds the runner;
 * listed classes that no longer exist are skipped, and a missing or broken list costs nothing. (The
 * runners' own lists are checked in their modules, {@code DirectPreloadListTest} and {@code
 * FlinkPreloadListTest}; their effect on a first sync point is measured by the suite's first-sync
 * rows, not here.)
 */
class ClassPreloadTest {
  private static final String DIRECT = "org.apache.beam.runners.direct.DirectRunner";
  private static final String FLINK = "org.apache.beam.runners.flink.FlinkRunner";

  /** A runner artifact's support that offers {@code list} (null: none) for {@code runner}. */
  private record Listing(String runner, String list) implements RunnerSupport {
    @Override
    public boolean supports(String runnerClass) {
      return runner.equals(runnerClass);
    }

    @Override
    public Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
      throw new UnsupportedOperationException("preloading never prepares a runner");
    }

    @Override
    public String preloadList(List<String> args) {
      if (list.equals("throws")) {
        throw new IllegalStateException("a broken runner artifact");
      }
      return list;
    }
  }

  private static final List<RunnerSupport> SUPPORTS =
      List.of(new Listing(DIRECT, "preload-test.txt"), new Listing(FLINK, "no-such-list.txt"));

  @Test
  void theRunnerNamedPicksItsSupportsList() {
    for (List<String> args :
        List.of(
            List.<String>of(),
            List.of("--runner=DirectRunner"),
            List.of("--runner=FlinkRunner", "--runner=direct"),
            List.of("--runner=" + DIRECT))) {
      URL list = ClassPreload.listFor(args, SUPPORTS);
      assertThat(
          args.toString(),
          list.getPath(),
          endsWith("io/taskbeam/internal/engine/preload-test.txt"));
    }
    assertThat(
        "the list is missing",
        ClassPreload.listFor(List.of("--runner=FlinkRunner"), SUPPORTS),
        nullValue());
    assertThat(
        "no support", ClassPreload.listFor(List.of("--runner=SparkRunner"), SUPPORTS), nullValue());
    assertThat(
        "a support that offers none",
        ClassPreload.listFor(List.of(), List.of(new Listing(DIRECT, null))),
        nullValue());
    assertThat(
        "a support that throws",
        ClassPreload.listFor(List.of(), List.of(new Listing(DIRECT, "throws"))),
        nullValue());
  }

  @Test
  void runnerNamesResolveAsBeamResolvesThem() {
    assertThat(ClassPreload.runnerClass(List.of()), is(DIRECT));
    assertThat(ClassPreload.runnerClass(List.of("--runner=directrunner")), is(DIRECT));
    assertThat(ClassPreload.runnerClass(List.of("--runner=Direct", "--runner=Flink")), is(FLINK));
    assertThat(
        ClassPreload.runnerClass(List.of("--runner=org.example.Mine")), is("org.example.Mine"));
    assertThat(ClassPreload.runnerClass(List.of("--runner=Nowhere")), is("Nowhere"));
  }

  @Test
  void theClassesThatStillExistLoad() {
    URL list = ClassPreload.listFor(List.of(), SUPPORTS);
    // String, TaskBeam and Pipeline load; the fourth name is gone and skipped
    assertThat(ClassPreload.load(list, getClass().getClassLoader()), is(3));
  }

  @Test
  void aListThatCannotBeReadCostsNothing() throws Exception {
    URL gone = Path.of("target", "no-such-list.txt").toUri().toURL();
    assertThat(ClassPreload.load(gone, getClass().getClassLoader()), is(0));
  }
}
