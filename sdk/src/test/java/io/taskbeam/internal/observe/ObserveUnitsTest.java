package io.taskbeam.internal.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clock alignment, the metrics text, the progress line and the event files, on made-up runs. */
class ObserveUnitsTest {
  @TempDir Path tmp;

  private static ChunkRun run(
      String host, long pid, int stage, int chunk, long start, long end, TaskRun... tasks) {
    return new ChunkRun(
        1,
        stage,
        chunk,
        new WorkerIdentity(host, pid, "taskmanager-" + pid, 1, "MapPartition (1/2)#0", 40 + pid),
        start,
        end,
        100,
        200,
        5,
        2,
        true,
        List.of(tasks));
  }

  @Test
  void workerOnAnotherHostWhoseClockRunsBehindIsMovedIntoTheSyncWindow() {
    ChunkRun local = run("a", 1, 0, 0, 1_100, 1_900);
    ChunkRun behind =
        run("b", 2, 0, 1, 500, 700, new TaskRun("f#1", "f", 520, 680, TaskOutcome.OK, 1));
    ChunkRun ahead = run("c", 3, 0, 2, 2_500, 2_600);
    ClockAlignment.Result r = ClockAlignment.align(List.of(local, behind, ahead), 1_000, 2_000);
    assertThat(r.shifts(), equalTo(Map.of("a:1", 0L, "b:2", 500L, "c:3", -600L)));
    assertThat(r.runs().get(0), equalTo(local));
    assertThat(r.runs().get(1).startMicros(), is(1_000L));
    assertThat(r.runs().get(1).tasks().get(0).startMicros(), is(1_020L));
    assertThat(r.runs().get(2).endMicros(), is(2_000L));
  }

  @Test
  void metricsCountFinishedFailedRetriedAndCancelledPerFunction() {
    RunMetrics m = new RunMetrics("demo");
    for (int i = 0; i < 3; i++) {
      m.submitted("f");
    }
    m.submitted("g");
    m.live(List.of(new EventFiles.Status(0, 0, "f", 2, 0, 1, "f#3", 5)));
    assertThat(
        m.scrape(),
        containsString("taskbeam_tasks_finished_total{app=\"demo\",function=\"f\"} 2\n"));
    assertThat(
        m.scrape(), containsString("taskbeam_tasks_running{app=\"demo\",function=\"f\"} 1\n"));
    m.syncEnded(
        List.of(
            run(
                "a",
                1,
                0,
                0,
                0,
                3_000_000,
                new TaskRun("f#1", "f", 0, 500_000, TaskOutcome.OK, 1),
                new TaskRun("f#2", "f", 500_000, 2_500_000, TaskOutcome.OK, 3),
                new TaskRun("f#3", "f", 2_500_000, 2_600_000, TaskOutcome.IGNORED, 1),
                new TaskRun("g#4", "g", 2_600_000, 2_600_000, TaskOutcome.CANCELLED, 0))));
    String text = m.scrape();
    assertThat(
        text,
        containsString(
            "# TYPE taskbeam_tasks_submitted_total counter\n"
                + "taskbeam_tasks_submitted_total{app=\"demo\",function=\"f\"} 3\n"
                + "taskbeam_tasks_submitted_total{app=\"demo\",function=\"g\"} 1\n"));
    assertThat(
        text, containsString("taskbeam_tasks_finished_total{app=\"demo\",function=\"f\"} 2\n"));
    assertThat(
        text, containsString("taskbeam_tasks_failed_total{app=\"demo\",function=\"f\"} 1\n"));
    assertThat(
        text, containsString("taskbeam_tasks_retried_total{app=\"demo\",function=\"f\"} 2\n"));
    assertThat(
        text, containsString("taskbeam_tasks_cancelled_total{app=\"demo\",function=\"g\"} 1\n"));
    assertThat(text, containsString("taskbeam_tasks_running{app=\"demo\",function=\"f\"} 0\n"));
    assertThat(
        "the chunk's shared-cache lookups",
        text,
        containsString(
            "taskbeam_shared_cache_lookups_total{app=\"demo\",result=\"hit\"} 5\n"
                + "taskbeam_shared_cache_lookups_total{app=\"demo\",result=\"miss\"} 2\n"));
    // durations 0.5 s, 2 s, 0.1 s
    assertThat(
        text,
        containsString(
            "taskbeam_task_duration_seconds_bucket{app=\"demo\",function=\"f\",le=\"0.1\"} 1\n"
                + "taskbeam_task_duration_seconds_bucket{app=\"demo\",function=\"f\",le=\"0.5\"} 2\n"
                + "taskbeam_task_duration_seconds_bucket{app=\"demo\",function=\"f\",le=\"1\"} 2\n"
                + "taskbeam_task_duration_seconds_bucket{app=\"demo\",function=\"f\",le=\"5\"} 3\n"));
    assertThat(
        text,
        containsString("taskbeam_task_duration_seconds_sum{app=\"demo\",function=\"f\"} 2.6\n"));
    m.runEnded(12.5);
    assertThat(
        m.pushBody(),
        containsString(
            "# TYPE taskbeam_run_seconds gauge\n" + "taskbeam_run_seconds{app=\"demo\"} 12.5\n"));
  }

  @Test
  void progressLineNamesTheFirstStageWithTasksLeftAndEstimatesTheRest() {
    StageInfo s0 =
        new StageInfo(
            1,
            0,
            "multiply@0",
            "multiply",
            0,
            List.of(4, 4),
            new TreeMap<>(),
            new TreeMap<>(),
            Map.of());
    StageInfo s1 =
        new StageInfo(
            1,
            1,
            "multiply@1",
            "multiply",
            1,
            List.of(4, 4),
            new TreeMap<>(),
            new TreeMap<>(),
            Map.of());
    SyncInfo sync = new SyncInfo(1, 0, 0, 0, List.of(s0, s1), List.of(), null);
    List<EventFiles.Status> statuses =
        List.of(
            new EventFiles.Status(0, 0, "multiply", 4, 0, 0, null, 0),
            new EventFiles.Status(0, 1, "multiply", 4, 0, 0, null, 0),
            new EventFiles.Status(1, 0, "multiply", 2, 0, 0, "multiply#11", 0));
    assertThat(
        Progress.line("matmul", sync, statuses, 5_000_000_000L, false),
        equalTo(
            "matmul sync 1: 10/16 tasks (62%), stage 2/2 multiply@1, elapsed 5.0 s, ETA 3.0 s"));
    assertThat(
        Progress.line("matmul", sync, List.of(), 1_000_000_000L, false),
        equalTo("matmul sync 1: 0/16 tasks (0%), stage 1/2 multiply@0, elapsed 1.0 s"));
    // every task ran but the job has not ended (a lost JobManager never ends it): not "done"
    List<EventFiles.Status> all =
        List.of(
            new EventFiles.Status(0, 0, "multiply", 4, 0, 0, null, 0),
            new EventFiles.Status(0, 1, "multiply", 4, 0, 0, null, 0),
            new EventFiles.Status(1, 0, "multiply", 8, 0, 0, null, 0));
    assertThat(
        Progress.line("matmul", sync, all, 7_000_000_000L, false),
        equalTo("matmul sync 1: 16/16 tasks (100%), elapsed 7.0 s, waiting for the job to end"));
    assertThat(
        Progress.line("matmul", sync, all, 7_000_000_000L, true),
        equalTo("matmul sync 1: 16/16 tasks (100%), elapsed 7.0 s, done"));
    SyncInfo failed = new SyncInfo(1, 0, 0, 0, List.of(s0, s1), List.of(), "connection refused");
    assertThat(
        Progress.line("matmul", failed, all, 9_000_000_000L, true),
        equalTo("matmul sync 1: 16/16 tasks (100%), elapsed 9.0 s, failed"));
    assertThrows(IllegalArgumentException.class, () -> Progress.Mode.of("loud", true));
  }

  @Test
  void eventFilesRoundTripAndMalformedOnesAreNamed() {
    Path dir = EventFiles.syncDir(tmp, 3);
    ChunkRun written =
        run(
            "h",
            7,
            2,
            1,
            10,
            90,
            new TaskRun("f#1", "f", 11, 50, TaskOutcome.OK, 1),
            new TaskRun("f#2", "f", 51, 89, TaskOutcome.FAILED, 3));
    EventFiles.writeRun(dir, written);
    assertThat(EventFiles.readRuns(dir), equalTo(List.of(written)));
    assertThat(EventFiles.syncOf(dir), is(3));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> EventFiles.parseRun(Path.of("x.run"), "chunk\t1\n"));
    assertThat(e.getMessage(), containsString("task event file x.run is malformed"));
  }

  @Test
  void runDirectoriesCountUp() {
    assertThat(
        RunDirectory.create(tmp, "matmul").path().getFileName().toString(), equalTo("matmul_01"));
    assertThat(
        RunDirectory.create(tmp, "matmul").path().getFileName().toString(), equalTo("matmul_02"));
    assertThat(RunDirectory.create(tmp, "a b").path().getFileName().toString(), equalTo("a_b_01"));
  }

  @Test
  void workerIdentityReadsFlinkSubtaskAndTaskManagerId() {
    assertThat(WorkerIdentity.subtaskOf("MapPartition (MapPartition at add@1) (2/4)#0"), is(2));
    assertThat(WorkerIdentity.subtaskOf("direct-runner-worker"), is(0));
    assertThat(
        WorkerIdentity.taskManagerId(
            List.of("--configDir", "/c", "-D", "taskmanager.resource-id=taskmanager-2")),
        equalTo("taskmanager-2"));
    assertThat(WorkerIdentity.taskManagerId(List.of("-cp", "x")), equalTo(null));
  }
}
