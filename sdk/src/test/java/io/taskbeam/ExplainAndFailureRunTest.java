package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --explain stops before running; a failing task shows up as failed in trace and report. */
class ExplainAndFailureRunTest {
  @TempDir Path work;
  @TempDir Path runs;

  private String[] args(String... extra) {
    String[] base = {
      "--runner=DirectRunner",
      "--parallelism=2",
      "--workDir=" + work,
      "--runsDir=" + runs,
      "--metricsPort=-1",
      "--progress=off"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void explainPrintsThePlanWritesGraphAndPlanAndRunsNothing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int code;
    TestTasks.FLAKY_CALLS.set(100);
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          Cli.run(
              "explained",
              new PrintStream(err, true, StandardCharsets.UTF_8),
              () -> {
                try (TaskBeam tb =
                    TaskBeam.start(Cli.parse(args("--explain"), TaskBeamOptions.class))) {
                  TaskFuture<double[]> x = tb.put(new double[] {1});
                  tb.submit(TestTasks::flakyIncrement, x);
                  TaskFuture<Integer> one = tb.submit(TestTasks::one);
                  tb.waitOn(tb.submit(TestTasks::add, one, one));
                  throw new AssertionError("--explain must stop at the first sync point");
                }
              });
    } finally {
      System.setOut(stdout);
    }
    assertThat(code, is(0));
    assertThat(TestTasks.FLAKY_CALLS.get(), is(100));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed, containsString("explain: sync point 1 compiles to 3 tasks in 3 stages"));
    assertThat(printed, containsString("stage 2 add depth=1 tasks=1 chunks=1"));
    assertThat(
        err.toString(StandardCharsets.UTF_8),
        containsString("explained: --explain: stopped before running"));
    Path dir = runs.resolve("explained_01");
    assertThat(Files.readString(dir.resolve("graph.dot")), containsString("t3 -> sync1"));
    assertThat(Files.isRegularFile(dir.resolve("plan.dot")), is(true));
    assertThat(Files.exists(dir.resolve("report.html")), is(false));
  }

  @Test
  void explainWithoutObservationStillStopsBeforeRunning() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    TestTasks.FLAKY_CALLS.set(100);
    ExplainStop stop;
    try (TaskBeam tb = TaskBeam.start(args("--explain", "--observe=false"))) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      TaskFuture<double[]> x = tb.put(new double[] {1});
      tb.submit(TestTasks::flakyIncrement, x);
      stop = assertThrows(ExplainStop.class, () -> tb.waitOn(x));
      assertThat(tb.runDirectory(), is((Path) null));
    } finally {
      System.setOut(stdout);
    }
    assertThat(stop.getMessage(), equalTo("--explain: stopped before running"));
    assertThat(TestTasks.FLAKY_CALLS.get(), is(100));
    assertThat(
        out.toString(StandardCharsets.UTF_8),
        containsString(
            "explain: sync point 1 compiles to 1 tasks in 1 stages, 1 chunks (parallelism 2):\n"
                + "stage 0 flakyIncrement depth=0 tasks=1 chunks=1\n"));
  }

  @Test
  void failedTaskIsMarkedInTraceReportAndLog() throws Exception {
    Path dir;
    try (TaskBeam tb = TaskBeam.start(args("--appName=failing"))) {
      dir = tb.runDirectory();
      TaskFuture<Integer> bad = tb.submit(TestTasks::explode, 7);
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(bad));
      assertThat(e.taskName(), equalTo("explode#1"));
    }
    String trace = Files.readString(dir.resolve("trace.json"));
    assertThat(trace, containsString("\"name\":\"explode#1\",\"cat\":\"explode\""));
    assertThat(trace, containsString("\"outcome\":\"FAILED\",\"attempts\":1"));
    assertThat(trace, containsString("\"complete\":false"));
    JsonNode state = ReportPages.state(dir.resolve("report.html"));
    assertThat(state.get("status").asText(), equalTo("failed"));
    assertThat(state.get("failure").asText(), startsWith("sync point 1: task explode#1"));
    assertThat(state.get("failedTask").asText(), equalTo("explode#1"));
    assertThat(state.get("totals").get("failed").asInt(), is(1));
    assertThat(
        Files.readString(dir.resolve("run.log")),
        containsString(
            "sync 1 FAILED: task "
                + "explode#1 (TestTasks.explode) failed: java.lang.ArithmeticException: cannot handle 7"));
  }
}
