package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
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

    String report = Files.readString(dir.resolve("report.html"));
    assertThat(report, containsString("<tr><th>task detail</th><td>" + NOTICE + "</td></tr>"));
    assertThat(report, containsString("<tr><th>tasks</th><td>12 in 1 sync points"));
    // Metrics row: add, 12 submitted, 12 finished, 0 failed, 0 retried, 0 cancelled.
    assertThat(
        report,
        containsString(
            "<tr><td>add</td><td class=\"n\">12</td><td class=\"n\">12</td><td class=\"n\">0</td>"
                + "<td class=\"n\">0</td><td class=\"n\">0</td>"));
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
