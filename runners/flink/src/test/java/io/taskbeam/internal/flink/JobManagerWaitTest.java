package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.flink.spi.ClusterContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.junit.jupiter.api.Test;

/**
 * The wait for a lost JobManager: its one line, its end once the JobManager answers with the slots,
 * its bound, and its default (on a supervised cluster only). The overview answers are scripted:
 * null while the JobManager does not answer.
 */
class JobManagerWaitTest {
  private static final String MASTER = "127.0.0.1:8081";
  private static final String LOST =
      "lost the Flink JobManager at 127.0.0.1:8081 while the job ran (ConnectException: refused)";

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private JobManagerWait wait(int seconds, boolean supervised) {
    return new JobManagerWait(
        MASTER,
        Duration.ofSeconds(seconds),
        supervised,
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static ClusterOverviewWithVersion slots(int total) {
    return new ClusterOverviewWithVersion(total, total, total, 0, 0, 0, 0, 0, 0, "1.19.0", "test");
  }

  private List<String> lines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void waitsInOneLineUntilTheJobManagerAnswersWithTheSlots() throws Exception {
    // the JobManager does not answer twice, then answers with 1 slot, then with both
    Deque<Optional<ClusterOverviewWithVersion>> answers =
        new ArrayDeque<>(
            List.of(
                Optional.empty(), Optional.empty(), Optional.of(slots(1)), Optional.of(slots(2))));
    Duration took =
        wait(60, true)
            .await(
                new JobFailures.JobManagerLost(LOST),
                2,
                () -> answers.isEmpty() ? slots(2) : answers.poll().orElse(null));
    assertThat(answers.isEmpty(), is(true));
    assertThat(took.compareTo(Duration.ofSeconds(60)) < 0, is(true));
    assertThat(lines().size(), is(2));
    assertThat(
        lines().get(0),
        equalTo(
            "taskbeam: the Flink JobManager at 127.0.0.1:8081 stopped answering; waiting up to"
                + " 60 s for it to return (cluster started with --supervise)"));
    assertThat(
        lines().get(1),
        matchesPattern(
            "taskbeam: the Flink JobManager at 127\\.0\\.0\\.1:8081 answers again after [0-9.]+ s;"
                + " running the job in flight again"));
  }

  @Test
  void aJobManagerThatDoesNotReturnEndsWithTheLineTheBoundAndTheResumeHint() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> wait(1, false).await(new JobFailures.JobManagerLost(LOST), 1, () -> null));
    assertThat(
        e.getMessage(),
        equalTo(LOST + "; it did not return within 1 s; resume with --resume=last"));
    assertThat(lines().size(), is(1));
    assertThat(lines().get(0).endsWith("(--clusterWaitSeconds=1)"), is(true));
  }

  @Test
  void aJobManagerBackWithFewerSlotsIsTakenOnceTheBoundPasses() throws Exception {
    wait(1, true).await(new JobFailures.JobManagerLost(LOST), 3, () -> slots(2));
    assertThat(lines().size(), is(2));
  }

  @Test
  void withoutAWaitTheLossEndsWithTheResumeHint() {
    JobManagerWait none = wait(0, false);
    assertThat(none.enabled(), is(false));
    assertThat(
        none.ended(new JobFailures.JobManagerLost(LOST), false).getMessage(),
        equalTo(LOST + "; resume with --resume=last"));
    assertThat(lines(), equalTo(List.of()));
  }

  @Test
  void theWaitDefaultsTo60SecondsOnASupervisedClusterOnly() {
    assertThat(seconds(Map.of(ClusterContract.SUPERVISED, "true")), is(60L));
    assertThat(seconds(Map.of()), is(0L));
    assertThat(seconds(Map.of(), "--clusterWaitSeconds=15"), is(15L));
    assertThat(
        seconds(Map.of(ClusterContract.SUPERVISED, "true"), "--clusterWaitSeconds=0"), is(0L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> seconds(Map.of(), "--clusterWaitSeconds=-1"));
    assertThat(
        e.getMessage(), equalTo("--clusterWaitSeconds must be 0 (do not wait) or more, got -1"));
  }

  private static long seconds(Map<String, String> clusterConfig, String... args) {
    TaskBeamOptions options = PipelineOptionsFactory.fromArgs(args).as(TaskBeamOptions.class);
    ClusterProbe.ClusterInfo cluster = new ClusterProbe.ClusterInfo(MASTER, 2, 2, 2, clusterConfig);
    return FlinkSetup.jobManagerWait(options, MASTER, cluster).bound().toSeconds();
  }
}
