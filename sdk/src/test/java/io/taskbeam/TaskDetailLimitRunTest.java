package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --taskDetailLimit} on a real session: 12 tasks with detail for 5; the graph and traces
 * hold 5, the report's totals count 12 and the report, trace and log carry the notice.
 */
class TaskDetailLimitRunTest {
  private static final String NOTICE =
      "task detail capped by --taskDetailLimit=5: the graph shows 5 of 12 tasks and the traces 5"
          + " of 12 task calls; per-function totals count all of them";

  @TempDir Path work;
  @TempDir Path runs;

  @Test
  void detailStopsAtTheLimitAndEveryFileSaysSo() throws Exception {
    Path dir;
    int sum = 0;
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--parallelism=2",
            "--workDir=" + work,
            "--runsDir=" + runs,
            "--appName=capped",
            "--metricsPort=-1",
            "--progress=off",
            "--taskDetailLimit=5")) {
      List<TaskFuture<Integer>> sums = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        sums.add(tb.submit(TestTasks::add, i, 1));
      }
      for (int v : tb.waitOn(sums)) {
        sum += v;
      }
      dir = tb.runDirectory();
    }
    assertThat(sum, is(78)); // 1 + 2 + ... + 12

    String dot = Files.readString(dir.resolve("graph.dot"));
    Matcher node = Pattern.compile("(?m)^  t\\d+ \\[").matcher(dot);
    int nodes = 0;
    while (node.find()) {
      nodes++;
    }
    assertThat(nodes, is(5));
    assertThat(dot, containsString(NOTICE));

    JsonNode trace = new ObjectMapper().readTree(dir.resolve("trace.json").toFile());
    assertThat(trace.get("otherData").get("taskDetail").asText(), is(NOTICE));
    int taskSpans = 0;
    for (JsonNode e : trace.get("traceEvents")) {
      if (e.get("ph").asText().equals("B") && e.get("name").asText().startsWith("add#")) {
        taskSpans++;
      }
    }
    assertThat(taskSpans, is(5));

    JsonNode state = ReportPages.state(dir.resolve("report.html"));
    JsonNode report = state.get("report");
    assertThat(report.get("notes").get(0).get(0).asText(), equalTo("task detail"));
    assertThat(report.get("notes").get(0).get(1).asText(), equalTo(NOTICE));
    assertThat(report.get("submitted").asInt(), is(12));
    assertThat(report.get("syncCount").asInt(), is(1));
    // Call times: add, 12 submitted, 12 finished, 0 failed, 0 retried, 0 cancelled.
    JsonNode add = report.get("timings").get(0);
    assertThat(add.get("function").asText(), equalTo("add"));
    for (String[] count :
        new String[][] {
          {"submitted", "12"},
          {"finished", "12"},
          {"failed", "0"},
          {"retried", "0"},
          {"cancelled", "0"}
        }) {
      assertThat(count[0], add.get(count[0]).asText(), equalTo(count[1]));
    }
    // The page's counts cover every task although the record kept 5 calls; the graph is the
    // per-function view, not 5 task nodes that look like all of them.
    assertThat(state.get("totals").get("done").asInt(), is(12));
    assertThat(state.get("graph").get("mode").asText(), equalTo("functions"));
    assertThat(Files.readString(dir.resolve("run.log")), containsString(NOTICE));
  }

  @Test
  void aNegativeLimitIsRefusedBeforeAnythingRuns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TaskBeam.start(
                    "--runner=DirectRunner",
                    "--runsDir=" + runs,
                    "--metricsPort=-1",
                    "--taskDetailLimit=-1"));
    assertThat(
        e.getMessage(),
        is(
            "--taskDetailLimit must be 0 (no per-task detail) or a positive count of tasks;"
                + " got -1"));
    assertThat(runs.toFile().list().length, is(0));
  }
}
