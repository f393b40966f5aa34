package io.taskbeam.internal.options;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.TaskBeamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerProfilesTest {
  @TempDir Path dir;

  @Test
  void argsWithoutProfileAreUntouched() {
    String[] args = {"--runner=DirectRunner", "--n=3"};
    assertThat(RunnerProfiles.expand(args), equalTo(args));
  }

  @Test
  void bundledClusterProfileSetsRunnerMasterAndRestarts() {
    List<String> args = List.of(RunnerProfiles.expand(new String[] {"--profile=flink-cluster"}));
    assertThat(args, hasItem("--runner=FlinkRunner"));
    assertThat(args, hasItem("--flinkMaster=127.0.0.1:8081"));
    assertThat(args, hasItem("--flinkConfig=restart-strategy.type=fixed-delay"));
    TaskBeamOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(TaskBeamOptions.class);
    assertThat(options.as(FlinkPipelineOptions.class).getFlinkMaster(), equalTo("127.0.0.1:8081"));
    assertThat(
        options.getFlinkConfig(),
        contains(
            "restart-strategy.type=fixed-delay",
            "restart-strategy.fixed-delay.attempts=5",
            "restart-strategy.fixed-delay.delay=5 s"));
  }

  @Test
  void commandLineWinsOverTheProfile() {
    List<String> args =
        List.of(
            RunnerProfiles.expand(
                new String[] {"--profile=flink-cluster", "--flinkMaster=10.1.1.1:9000"}));
    assertThat(args, not(hasItem("--flinkMaster=127.0.0.1:8081")));
    assertThat(
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .as(TaskBeamOptions.class)
            .as(FlinkPipelineOptions.class)
            .getFlinkMaster(),
        equalTo("10.1.1.1:9000"));
  }

  /** What a bundled profile sets, as the program's options read it (null: left at the default). */
  private record Settings(
      String runner,
      String flinkMaster,
      List<String> flinkConfig,
      String workDir,
      String runsDir) {}

  private static final List<String> RESTARTS =
      List.of(
          "restart-strategy.type=fixed-delay",
          "restart-strategy.fixed-delay.attempts=5",
          "restart-strategy.fixed-delay.delay=5 s");

  @Test
  void everyBundledProfileParsesToItsSettings() {
    Map<String, Settings> expected =
        Map.of(
            "direct", new Settings("DirectRunner", null, null, null, null),
            "flink-embedded", new Settings("FlinkRunner", "[local]", null, null, null),
            "flink-cluster", new Settings("FlinkRunner", "127.0.0.1:8081", RESTARTS, null, null),
            "flink-k8s",
                new Settings(
                    "FlinkRunner",
                    "taskbeam-jobmanager:8081",
                    RESTARTS,
                    "/shared/taskbeam-work",
                    "/shared/runs"));
    assertThat(expected.keySet(), equalTo(Set.copyOf(RunnerProfiles.BUNDLED)));
    for (String name : RunnerProfiles.BUNDLED) {
      String[] args = RunnerProfiles.expand(new String[] {"--profile=" + name});
      TaskBeamOptions options =
          PipelineOptionsFactory.fromArgs(args).withValidation().as(TaskBeamOptions.class);
      Settings want = expected.get(name);
      assertThat(name, options.getRunner().getSimpleName(), equalTo(want.runner()));
      assertThat(name, options.getParallelism(), equalTo(-1));
      if (want.flinkMaster() != null) {
        assertThat(
            name,
            options.as(FlinkPipelineOptions.class).getFlinkMaster(),
            equalTo(want.flinkMaster()));
      }
      assertThat(name, options.getFlinkConfig(), equalTo(want.flinkConfig()));
      assertThat(name, options.getWorkDir(), equalTo(want.workDir()));
      if (want.runsDir() != null) {
        assertThat(name, options.getRunsDir(), equalTo(want.runsDir()));
      }
    }
  }

  @Test
  void profileFromAFile() throws IOException {
    Path file = dir.resolve("mine.properties");
    Files.writeString(
        file,
        "# mine\nrunner=FlinkRunner\nflinkMaster=[local]\n"
            + "flink.taskmanager.numberOfTaskSlots=4\n");
    List<String> args = List.of(RunnerProfiles.expand(new String[] {"--profile=" + file}));
    assertThat(args, hasItem("--flinkMaster=[local]"));
    assertThat(args, hasItem("--flinkConfig=taskmanager.numberOfTaskSlots=4"));
  }

  @Test
  void unknownProfileListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerProfiles.expand(new String[] {"--profile=flink-local"}));
    assertThat(
        e.getMessage(),
        equalTo(
            "unknown profile --profile=flink-local: use one of "
                + "direct, flink-embedded, flink-cluster, flink-k8s, or the path of a .properties file"));
  }

  @Test
  void malformedLineIsNamed() throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "runner=DirectRunner\njust words\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerProfiles.expand(new String[] {"--profile=" + file}));
    assertThat(e.getMessage(), containsString("line 2 is not option=value: just words"));
  }
}
