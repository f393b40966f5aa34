package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dashboard keeps stays bounded, and the graph turns per-function past its limit. */
class DashboardLiveRunTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final WorkerThread THREAD =
      new WorkerThread("h:1", "taskmanager-1", "h", "7/t", "subtask 1, thread 7");

  @Test
  void theTaskStreamKeepsTheLastBarsAndCountsTheDroppedOnes() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    int calls = TaskStream.BAR_CAPACITY + 5;
    for (int i = 0; i < calls; i++) {
      run.submitted("tiny");
    }
    run.syncStarting(1, 1, 1, T0, T0, Map.of("tiny", calls));
    List<TaskCall> made = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      made.add(new TaskCall("tiny#" + i, "tiny", T0 + i, T0 + i + 1, TaskState.DONE));
    }
    run.chunkEnded(0, 0, THREAD, made);
    run.syncEnded(T0 + calls + 10, null);
    String json = run.message(0, -1, T0 + calls + 20).json();
    assertThat(json, containsString("\"bars\":{\"from\":5,\"next\":" + calls + ",\"dropped\":5,"));
    assertThat(json, not(containsString("\"tiny#4\"")));
    assertThat(json, containsString("\"tiny#5\""));
    assertThat(json, containsString("\"done\":" + calls + ",\"failed\":0"));
    assertThat(
        json,
        containsString(
            "\"workers\":[{\"process\":\"taskmanager-1\",\"host\":\"h\",\"lanes\":1,\"tasks\":"
                + calls));
    // compile 0, no wait, tasks from T0 to the last end, 10 us to finish
    assertThat(json, containsString("\"taskMicros\":" + calls + ",\"finishMicros\":10}"));
  }

  @Test
  void theGraphDrawsTasksByDepthUpToItsLimitThenOnlyFunctions() {
    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    assertThat(run.taskNode(1, "load#1", "load", new long[0]), is(true));
    assertThat(run.taskNode(2, "square#2", "square", new long[] {1}), is(true));
    assertThat(run.taskNode(3, "sum#3", "sum", new long[] {1, 2}), is(true));
    run.functionEdge("load", "square");
    run.functionEdge("square", "sum");
    run.syncStarting(1, 3, 3, T0, T0, java.util.Map.of("load", 1, "square", 1, "sum", 1));
    run.chunkEnded(
        0, 0, THREAD, List.of(new TaskCall("load#1", "load", T0, T0 + 1, TaskState.DONE)));
    run.progress(List.of(new ChunkProgress(1, 0, "square", 0, 0, "square#2", T0 + 2)));
    String json = run.message(0, -1, T0 + 5).json();
    assertThat(json, containsString("\"mode\":\"tasks\""));
    assertThat(json, containsString("\"nodes\":[[0,0],[1,1],[2,2]]"));
    assertThat(json, containsString("\"edges\":[[0,1],[0,2],[1,2]]"));
    assertThat(json, containsString("\"functionEdges\":[[0,1,1],[1,2,1]]"));
    assertThat(json, containsString("\"states\":\"drw\""));
    long version = run.message(0, -1, T0 + 5).graphVersion();
    assertThat(run.message(0, version, T0 + 6).json(), not(containsString("\"nodes\"")));

    boolean keeps = true;
    int added = 3;
    while (keeps) {
      added++;
      keeps = run.taskNode(added, "sum#" + added, "sum", new long[] {added - 1});
    }
    assertThat(added, is(TaskGraphView.NODE_LIMIT + 1));
    json = run.message(0, -1, T0 + 7).json();
    assertThat(json, containsString("\"mode\":\"functions\""));
    assertThat(json, containsString("\"nodes\":[],\"edges\":[]"));
    assertThat(json, containsString("\"functionEdges\":[[0,1,1],[1,2,1]]"));
  }

  @Test
  void theFrozenPageCarriesTheStateAndTheReportAndNoTextCanCloseItsScript() {
    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    run.submitted("load", 3);
    run.syncStarting(1, 1, 1, T0, T0, Map.of("load", 3));
    run.syncEnded(T0 + 10, "task load#2 failed: </script><script>alert(1)</script>");
    run.end(null);
    String page = run.frozenPage(T0 + 20, "{\"files\":[\"</script>\"]}");
    assertThat(page, not(containsString("/*FROZEN*/")));
    assertThat(page, containsString("const FROZEN = {\"app\":\"app\""));
    assertThat(page, containsString("\"status\":\"failed\""));
    assertThat(page, containsString("\"report\":{\"files\":[\"<\\/script>\"]}}"));
    assertThat(
        "only the page's own script element ends", page.split("</script>", -1).length - 1, is(1));
  }
}
