package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbeam.internal.report.ParaverTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small known program, run once on the DirectRunner, and its run directory checked exactly:
 *
 * <pre>
 * a = one()          task 1, result d1v1
 * b = add(a, a)      task 2, reads d1v1 twice, result d2v1
 * c = add(b, 10)     task 3, reads d2v1 and the program value 10 (d3v1), result d4v1
 * waitOn(c)          sync 1 keeps d1v1, d2v1, d4v1 (the latest version of every result)
 * d = add(c, a)      task 4, reads d4v1 and d1v1 stored by sync 1, result d5v1
 * waitOn(d)          sync 2 keeps d5v1
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDirectoryTest {
  @TempDir static Path work;
  @TempDir static Path runs;
  private Path dir;
  private int c;
  private int d;

  @BeforeAll
  void runTheProgram() {
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--parallelism=2",
            "--workDir=" + work,
            "--runsDir=" + runs,
            "--appName=known",
            "--metricsPort=-1",
            "--progress=off")) {
      TaskFuture<Integer> a = tb.submit(TestTasks::one);
      TaskFuture<Integer> b = tb.submit(TestTasks::add, a, a);
      TaskFuture<Integer> cf = tb.submit(TestTasks::add, b, 10);
      c = tb.waitOn(cf);
      TaskFuture<Integer> df = tb.submit(TestTasks::add, cf, a);
      d = tb.waitOn(df);
      tb.check("d is 13", d == 13);
      dir = tb.runDirectory();
    }
  }

  @Test
  void runDirectoryIsNamedAfterTheAppAndHoldsTheFixedFiles() throws Exception {
    assertThat(c, is(12));
    assertThat(d, is(13));
    assertThat(dir, equalTo(runs.resolve("known_01").toAbsolutePath()));
    for (String f :
        List.of(
            "graph.dot",
            "plan.dot",
            "trace.json",
            "trace.prv",
            "trace.pcf",
            "trace.row",
            "report.html",
            "run.log")) {
      assertThat(f, Files.isRegularFile(dir.resolve(f)), is(true));
    }
    String log = Files.readString(dir.resolve("run.log"));
    assertThat(log, containsString("sync 1: 3 tasks in 2 stages, 2 chunks"));
    assertThat(log, containsString("sync 2: 1 tasks in 1 stages, 1 chunks"));
    assertThat(log, containsString("check OK: d is 13"));
  }

  @Test
  void taskGraphDotHasEveryTaskEdgeAndSyncPoint() throws Exception {
    String expected =
        """
        digraph taskbeam {
          label="known: 4 tasks, 2 sync points";
          labelloc=t;
          node [shape=ellipse, style=filled, fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=8];
          t1 [label="one#1", fillcolor="#4e79a7"];
          t2 [label="add#2", fillcolor="#f28e2b"];
          t3 [label="add#3", fillcolor="#f28e2b"];
          t4 [label="add#4", fillcolor="#f28e2b"];
          t1 -> t2 [label="d1v1"];
          t2 -> t3 [label="d2v1"];
          t3 -> t4 [label="d4v1"];
          t1 -> t4 [label="d1v1"];
          sync1 [label="sync 1", shape=octagon, fillcolor="#dddddd"];
          t1 -> sync1 [label="d1v1", style=dashed];
          t2 -> sync1 [label="d2v1", style=dashed];
          t3 -> sync1 [label="d4v1", style=dashed];
          sync2 [label="sync 2", shape=octagon, fillcolor="#dddddd"];
          t4 -> sync2 [label="d5v1", style=dashed];
          subgraph cluster_legend {
            label="task functions";
            style=dashed;
            legend0 [label="one", shape=box, fillcolor="#4e79a7"];
            legend1 [label="add", shape=box, fillcolor="#f28e2b"];
          }
        }
        """;
    assertThat(Files.readString(dir.resolve("graph.dot")), equalTo(expected));
  }

  @Test
  void planDotHasStagesChunksAndRoutes() throws Exception {
    String plan = Files.readString(dir.resolve("plan.dot"));
    // the two adds are a chain (each the only reader of the one before): one unit, one stage
    assertThat(plan, containsString("label=\"sync 1: 3 tasks, 2 stages, 2 chunks\";"));
    assertThat(plan, containsString("label=\"stage 0 one\\n1 tasks, depth 0\";"));
    assertThat(plan, containsString("label=\"stage 1 add\\n2 tasks, depth 1\";"));
    assertThat(plan, containsString("s1_0_c0 -> s1_1_c0 [label=\"1 value\"];"));
    assertThat(plan, containsString("label=\"sync 2: 1 tasks, 1 stages, 1 chunks\";"));
    assertThat(count(plan, " -> "), is(1));
  }

  @Test
  void chromeTraceHasOneClosedSpanPerTaskInsideItsChunk() throws Exception {
    JsonNode trace = new ObjectMapper().readTree(dir.resolve("trace.json").toFile());
    Map<String, Integer> begins = new TreeMap<>();
    Map<String, Integer> ends = new TreeMap<>();
    Map<String, Deque<JsonNode>> open = new HashMap<>();
    List<String> taskNames = new ArrayList<>();
    for (JsonNode e : trace.get("traceEvents")) {
      String ph = e.get("ph").asText();
      if (ph.equals("M")) {
        continue;
      }
      String thread = e.get("pid").asInt() + "/" + e.get("tid").asInt();
      Deque<JsonNode> stack = open.computeIfAbsent(thread, k -> new ArrayDeque<>());
      String cat = e.get("cat").asText();
      if (ph.equals("B")) {
        begins.merge(cat, 1, Integer::sum);
        if (!cat.equals("chunk") && !cat.equals("sync")) {
          taskNames.add(e.get("name").asText());
          assertThat(
              "a task runs inside its chunk", stack.peek().get("cat").asText(), equalTo("chunk"));
          assertThat(e.get("args").get("outcome").asText(), equalTo("OK"));
        }
        stack.push(e);
      } else {
        ends.merge(cat, 1, Integer::sum);
        JsonNode start = stack.pop();
        assertThat(
            "every end closes the span it ends",
            e.get("name").asText(),
            equalTo(start.get("name").asText()));
        assertThat(e.get("ts").asLong(), greaterThanOrEqualTo(start.get("ts").asLong()));
      }
    }
    open.values().forEach(stack -> assertThat("every start has an end", stack.size(), is(0)));
    assertThat(taskNames, containsInAnyOrder("one#1", "add#2", "add#3", "add#4"));
    assertThat(begins, equalTo(Map.of("one", 1, "add", 3, "chunk", 3, "sync", 6)));
    assertThat(ends, equalTo(begins));
    assertThat(trace.get("otherData").get("app").asText(), equalTo("known"));
  }

  @Test
  void paraverTraceHasAStateAndTwoEventsPerTaskInTimeOrder() throws Exception {
    String prv = Files.readString(dir.resolve("trace.prv"));
    String[] lines = prv.split("\n");
    Matcher header =
        Pattern.compile(
                "#Paraver \\(\\d\\d/\\d\\d/\\d\\d at \\d\\d:\\d\\d\\):(\\d+)_ns:"
                    + "1\\((\\d+)\\):1:(\\d+)\\((.*)\\)")
            .matcher(lines[0]);
    assertThat(lines[0], header.matches(), is(true));
    long end = Long.parseLong(header.group(1));
    int threads = Integer.parseInt(header.group(2));
    int states = 0;
    long last = 0;
    Map<Integer, Integer> startsByFunction = new TreeMap<>();
    int endEvents = 0;
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(":");
      long time = Long.parseLong(f[5]);
      assertThat("records are in time order", time, greaterThanOrEqualTo(last));
      assertThat(time, lessThanOrEqualTo(end));
      assertThat(Integer.parseInt(f[1]), lessThanOrEqualTo(threads));
      last = time;
      if (f[0].equals("1")) {
        states++;
        assertThat(Long.parseLong(f[6]), greaterThanOrEqualTo(time));
        assertThat(f[7], equalTo("1"));
      } else {
        assertThat(f[6], equalTo(Integer.toString(ParaverTrace.FUNCTION)));
        int function = Integer.parseInt(f[7]);
        if (function == 0) {
          endEvents++;
        } else {
          startsByFunction.merge(function, 1, Integer::sum);
        }
      }
    }
    assertThat(states, is(4));
    assertThat(startsByFunction, equalTo(Map.of(1, 1, 2, 3)));
    assertThat(endEvents, is(4));
    String pcf = Files.readString(dir.resolve("trace.pcf"));
    assertThat(
        pcf,
        containsString(
            "0    8000000    Task function\nVALUES\n0      End\n" + "1      one\n2      add\n"));
    String row = Files.readString(dir.resolve("trace.row"));
    assertThat(row, containsString("LEVEL THREAD SIZE " + threads + "\n"));
    assertThat(count(row, "thread "), is(threads));
  }

  @Test
  void reportIsTheDashboardFrozenWithTheRunsState() throws Exception {
    JsonNode state = ReportPages.state(dir.resolve("report.html"));
    assertThat(state.get("app").asText(), equalTo("known"));
    assertThat(state.get("status").asText(), equalTo("finished"));
    assertThat(state.get("totals").get("submitted").asInt(), is(4));
    assertThat(state.get("totals").get("done").asInt(), is(4));
    assertThat(state.get("totals").get("waiting").asInt(), is(0));
    assertThat("one task bar per task call", state.get("bars").get("items").size(), is(4));
    assertThat(state.get("lanes").size(), greaterThanOrEqualTo(1));
    assertThat(state.get("syncs").size(), is(2));
    assertThat(state.get("graph").get("nodes").size(), is(4));
    // one -> add#2, add#2 -> add#3, add#3 -> add#4, one -> add#4 (each producer once)
    assertThat(state.get("graph").get("edges").size(), is(4));
    assertThat(state.get("graph").get("states").asText(), equalTo("dddd"));
    JsonNode report = state.get("report");
    assertThat(report.get("checks").get(0).get("what").asText(), equalTo("d is 13"));
    assertThat(report.get("checks").get(0).get("passed").asBoolean(), is(true));
    assertThat(report.get("submitted").asInt(), is(4));
    assertThat(report.get("syncCount").asInt(), is(2));
    assertThat(report.get("stageCount").asInt(), is(3));
    assertThat(report.get("stages").size(), is(3));
    assertThat(report.get("stages").get(2).get("sync").asInt(), is(2));
    assertThat(report.get("stages").get(2).get("tasks").asInt(), is(1));
    assertThat(report.get("stages").get(2).get("startMicros").asLong(), greaterThanOrEqualTo(0L));
    Map<String, Integer> finished = new TreeMap<>();
    for (JsonNode t : report.get("timings")) {
      finished.put(t.get("function").asText(), t.get("finished").asInt());
      assertThat(t.get("exact").asBoolean(), is(true));
      assertThat(t.get("minMicros").asLong(), lessThanOrEqualTo(t.get("maxMicros").asLong()));
    }
    assertThat(finished, equalTo(Map.of("add", 3, "one", 1)));
    List<String> files = new ArrayList<>();
    report.get("files").forEach(f -> files.add(f.asText()));
    assertThat(files, org.hamcrest.Matchers.hasItems("graph.dot", "trace.json", "run.log"));
    assertThat(report.get("runDirectory").asText(), equalTo(dir.toString()));
  }

  @Test
  void reportNeedsNothingFromTheNetwork() throws Exception {
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html, org.hamcrest.Matchers.not(containsString("<script src")));
    assertThat(html, org.hamcrest.Matchers.not(containsString("<link")));
    assertThat(
        "no address but the SVG namespace",
        html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"),
        is(false));
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }
}
