package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.JsonWriter;
import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.FunctionTotals;
import io.taskbeam.internal.observe.RecordReplay;
import io.taskbeam.internal.observe.RunDirectory;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.StageInfo;
import io.taskbeam.internal.observe.SyncInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's report ({@code report.html}): the live dashboard's page, frozen with the state it shows
 * at the run's end ({@link RecordReplay}), plus the sections only a finished run has, as one JSON
 * object the page renders: the summary (start, checks, notes), the stage table, per-function call
 * times, bytes moved and the run directory's other files. One self-contained file: the page's
 * scripts and styles come from the sdk jar, nothing from the network.
 */
final class ReportPage {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private ReportPage() {}

  /**
   * The page.
   *
   * @param graphNote why there is no {@code graph.svg} (Graphviz missing, graph too large), or null
   */
  static String render(RunRecord record, String graphNote) {
    return RecordReplay.replay(record).frozenPage(record.endMicros(), sections(record, graphNote));
  }

  /** The report's own sections, as the JSON object under the page state's {@code report}. */
  static String sections(RunRecord r, String graphNote) {
    JsonWriter json = new JsonWriter().beginObject();
    json.member("runDirectory", r.runDir().toString());
    json.member("started", WHEN.format(Instant.ofEpochSecond(r.startMicros() / 1_000_000)));
    json.member("totalMicros", r.endMicros() - r.startMicros());
    json.member("submitted", r.submittedTasks()).member("syncCount", r.syncs().size());
    json.member("stageCount", r.syncs().stream().mapToInt(s -> s.stages().size()).sum());
    long taskMicros = 0;
    for (FunctionTotals t : r.functionTotals().values()) {
      taskMicros += t.totalMicros();
    }
    json.member("taskMicros", taskMicros);
    json.member("workerCount", r.workers().size());
    json.name("checks").beginArray();
    for (RunRecord.Check c : r.checks()) {
      json.beginObject().member("what", c.what()).member("passed", c.passed()).endObject();
    }
    json.endArray();
    notes(json, r, graphNote);
    stages(json, r);
    timings(json, r);
    json.name("bytes").beginArray();
    r.bytes().forEach((channel, n) -> json.beginArray().value(channel).value(n).endArray());
    json.endArray();
    json.name("files").beginArray();
    for (String f :
        List.of(
            RunDirectory.GRAPH_DOT,
            RunDirectory.GRAPH_SVG,
            RunDirectory.PLAN_DOT,
            RunDirectory.TRACE_JSON,
            RunDirectory.TRACE_PRV,
            RunDirectory.TRACE_PCF,
            RunDirectory.TRACE_ROW,
            RunDirectory.LOG)) {
      if (graphNote == null || !f.equals(RunDirectory.GRAPH_SVG)) {
        json.value(f);
      }
    }
    json.endArray();
    return json.endObject().toString();
  }

  /** Lines the summary shows only when they apply: each a label and its text. */
  private static void notes(JsonWriter json, RunRecord r, String graphNote) {
    json.name("notes").beginArray();
    if (r.missingChunkRuns() > 0) {
      note(
          json,
          "missing events",
          r.missingChunkRuns()
              + " chunks left no task events (is the work directory shared with every worker?)");
    }
    if (!r.clockShifts().isEmpty()) {
      note(
          json,
          "clock alignment",
          r.clockShifts()
              + " (microseconds added to worker times that fell outside their sync point)");
    }
    if (r.detailNotice() != null) {
      note(json, "task detail", r.detailNotice());
    }
    if (graphNote != null) {
      note(json, "graph picture", "no graph.svg: " + graphNote + "; the graph is in graph.dot");
    }
    json.endArray();
  }

  private static void note(JsonWriter json, String label, String text) {
    json.beginArray().value(label).value(text).endArray();
  }

  /**
   * Every stage of every sync point: where it sits in the plan, its size, and when and where its
   * chunks ran ({@code startMicros} from the run's start; -1 when none of its chunks reported).
   */
  private static void stages(JsonWriter json, RunRecord r) {
    Map<String, long[]> span = new HashMap<>();
    Map<String, Set<String>> workers = new HashMap<>();
    for (ChunkRun run : r.chunkRuns()) {
      String key = run.sync() + "/" + run.stage();
      long[] s = span.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] = Math.min(s[0], run.startMicros());
      s[1] = Math.max(s[1], run.endMicros());
      workers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(run.worker().process());
    }
    json.name("stages").beginArray();
    for (SyncInfo s : r.syncs()) {
      for (StageInfo st : s.stages()) {
        String key = s.sync() + "/" + st.index();
        long[] ran = span.get(key);
        json.beginObject()
            .member("sync", s.sync())
            .member("stage", st.index())
            .member("name", st.name())
            .member("depth", st.depth())
            .member("tasks", st.tasks())
            .member("chunks", st.chunks())
            .member("sideInputs", st.sideInputs().size())
            .member("startMicros", ran == null ? -1 : ran[0] - r.startMicros())
            .member("durationMicros", ran == null ? -1 : ran[1] - ran[0])
            .member("workers", String.join(", ", workers.getOrDefault(key, Set.of())))
            .endObject();
      }
    }
    json.endArray();
  }

  /**
   * Per task function: calls by outcome and their times (min, median, p95, max, total; median and
   * p95 approximate once the record stopped keeping every duration).
   */
  private static void timings(JsonWriter json, RunRecord r) {
    json.name("timings").beginArray();
    r.functionTotals()
        .forEach(
            (fn, t) -> {
              json.beginObject()
                  .member("function", fn)
                  .member("submitted", t.submitted())
                  .member("finished", t.finished())
                  .member("failed", t.failed())
                  .member("retried", t.retried())
                  .member("cancelled", t.cancelled())
                  .member("exact", t.exact());
              long[] q = t.quantiles();
              List<String> names = List.of("minMicros", "medianMicros", "p95Micros", "maxMicros");
              for (int i = 0; i < names.size(); i++) {
                json.member(names.get(i), q == null ? -1 : q[i]);
              }
              json.member("totalMicros", t.totalMicros()).endObject();
            });
    json.endArray();
  }
}
