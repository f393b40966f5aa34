package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.Palette;
import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.FunctionTotals;
import io.taskbeam.internal.observe.RunDirectory;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.StageInfo;
import io.taskbeam.internal.observe.SyncInfo;
import io.taskbeam.internal.observe.WorkerIdentity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's report ({@code report.html}): one self-contained page (inline CSS and SVG, no scripts,
 * no network) with the summary, the task graph picture, the timeline of tasks per worker, the stage
 * table and the metrics.
 */
public final class HtmlReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String STYLE =
      "body{font-family:Helvetica,Arial,sans-serif;margin:24px;"
          + "color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid "
          + "#ddd}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;"
          + "padding:3px 8px;text-align:left}th{background:#f4f4f4}td.n{text-align:right}"
          + ".ok{color:#2a7d2a;font-weight:bold}.bad{color:#c62828;font-weight:bold}"
          + ".box{overflow:auto;max-height:640px;border:1px solid #ddd;padding:4px}"
          + ".legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;"
          + "width:12px;height:12px;margin-right:4px;vertical-align:middle}"
          + "#graph svg{max-width:100%;height:auto}";

  private HtmlReport() {}

  /**
   * The page.
   *
   * @param graphSvg the rendered task graph, or null
   * @param graphNote why there is no picture, when {@code graphSvg} is null
   */
  public static String render(RunRecord record, String graphSvg, String graphNote) {
    StringBuilder out = new StringBuilder();
    String title = "taskbeam run " + record.runDir().getFileName();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n");
    summary(out, record);
    out.append("<h2>Task graph</h2>\n");
    if (graphSvg != null) {
      out.append("<div class=\"box\" id=\"graph\">")
          .append(stripProlog(graphSvg))
          .append("</div>\n");
    } else {
      out.append("<p>No picture: ")
          .append(Html.escape(graphNote))
          .append(". The graph is in " + "<a href=\"graph.dot\">graph.dot</a>.</p>\n");
    }
    out.append("<h2>Timeline</h2>\n");
    out.append(legend(record));
    out.append("<div class=\"box\">").append(TimelineSvg.render(record)).append("</div>\n");
    stages(out, record);
    metrics(out, record);
    out.append("<h2>Files</h2>\n<p>");
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
      out.append("<a href=\"").append(f).append("\">").append(f).append("</a> ");
    }
    out.append(
        "</p>\n<p>trace.json opens in Perfetto (ui.perfetto.dev) or chrome://tracing; "
            + "trace.prv with Paraver.</p>\n</body></html>\n");
    return out.toString();
  }

  private static void summary(StringBuilder out, RunRecord r) {
    out.append("<h2>Summary</h2>\n<table id=\"summary\">\n");
    row(out, "app", r.app());
    row(out, "runner", r.runner());
    row(out, "parallelism", Integer.toString(r.parallelism()));
    Map<String, WorkerIdentity> workers = r.workers();
    List<String> names = new ArrayList<>();
    workers.forEach(
        (key, w) -> names.add(w.process() + (w.taskManager() != null ? " (" + key + ")" : "")));
    row(out, "workers", workers.size() + ": " + String.join(", ", names));
    row(out, "started", WHEN.format(Instant.ofEpochSecond(r.startMicros() / 1_000_000)));
    row(out, "total time", TimelineSvg.seconds(r.endMicros() - r.startMicros()));
    long taskMicros = 0;
    for (FunctionTotals t : r.functionTotals().values()) {
      taskMicros += t.totalMicros();
    }
    row(
        out,
        "tasks",
        r.submittedTasks()
            + " in "
            + r.syncs().size()
            + " sync points, "
            + r.syncs().stream().mapToInt(s -> s.stages().size()).sum()
            + " stages; "
            + TimelineSvg.seconds(taskMicros)
            + " of task time");
    for (SyncInfo s : r.syncs()) {
      row(
          out,
          "sync " + s.sync(),
          s.tasks()
              + " tasks, "
              + s.stages().size()
              + " stages, "
              + s.chunks()
              + " chunks: compile "
              + TimelineSvg.seconds(s.runStartMicros() - s.startMicros())
              + ", run "
              + TimelineSvg.seconds(s.endMicros() - s.runStartMicros())
              + (s.error() == null ? "" : "; FAILED: " + s.error()));
    }
    StringBuilder checks = new StringBuilder();
    for (RunRecord.Check c : r.checks()) {
      checks
          .append("<span class=\"")
          .append(c.passed() ? "ok\">OK" : "bad\">FAILED")
          .append("</span> ")
          .append(Html.escape(c.what()))
          .append("<br>");
    }
    out.append("<tr><th>result check</th><td>")
        .append(r.checks().isEmpty() ? "none reported" : checks.toString())
        .append("</td></tr>\n");
    out.append("<tr><th>status</th><td>")
        .append(
            r.error() == null
                ? "<span class=\"ok\">finished</span>"
                : "<span class=\"bad\">failed</span> " + Html.escape(r.error()))
        .append("</td></tr>\n");
    if (r.missingChunkRuns() > 0) {
      row(
          out,
          "missing events",
          r.missingChunkRuns()
              + " chunks left no task events (is the "
              + "work directory shared with every worker?)");
    }
    if (!r.clockShifts().isEmpty()) {
      row(
          out,
          "clock alignment",
          r.clockShifts().toString()
              + " (microseconds added to worker "
              + "times that fell outside their sync point)");
    }
    if (r.detailNotice() != null) {
      row(out, "task detail", r.detailNotice());
    }
    row(out, "run directory", r.runDir().toString());
    out.append("</table>\n");
  }

  private static String legend(RunRecord r) {
    StringBuilder out = new StringBuilder("<p class=\"legend\">");
    List<String> functions = r.functions();
    for (int i = 0; i < functions.size(); i++) {
      out.append("<span><i style=\"background:")
          .append(Palette.colour(i))
          .append("\"></i>")
          .append(Html.escape(functions.get(i)))
          .append("</span>");
    }
    return out.append("<span><i style=\"background:#d62728\"></i>failed</span></p>\n").toString();
  }

  private static void stages(StringBuilder out, RunRecord r) {
    out.append(
        "<h2>Stages</h2>\n<table id=\"stages\"><tr><th>sync</th><th>stage</th>"
            + "<th>function</th><th>depth</th><th>tasks</th><th>chunks</th><th>side inputs</th>"
            + "<th>start</th><th>duration</th><th>workers</th></tr>\n");
    for (SyncInfo s : r.syncs()) {
      for (StageInfo st : s.stages()) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> workers = new LinkedHashSet<>();
        for (ChunkRun run : r.chunkRuns()) {
          if (run.sync() == s.sync() && run.stage() == st.index()) {
            first = Math.min(first, run.startMicros());
            last = Math.max(last, run.endMicros());
            workers.add(run.worker().process());
          }
        }
        boolean ran = first != Long.MAX_VALUE;
        out.append("<tr><td class=\"n\">")
            .append(s.sync())
            .append("</td><td class=\"n\">")
            .append(st.index())
            .append("</td><td>")
            .append(Html.escape(st.name()))
            .append("</td><td class=\"n\">")
            .append(st.depth())
            .append("</td><td class=\"n\">")
            .append(st.tasks())
            .append("</td><td class=\"n\">")
            .append(st.chunks())
            .append("</td><td class=\"n\">")
            .append(st.sideInputs().size())
            .append("</td><td class=\"n\">")
            .append(ran ? TimelineSvg.seconds(first - r.startMicros()) : "-")
            .append("</td><td class=\"n\">")
            .append(ran ? TimelineSvg.seconds(last - first) : "-")
            .append("</td><td>")
            .append(Html.escape(String.join(", ", workers)))
            .append("</td></tr>\n");
      }
    }
    out.append("</table>\n");
  }

  private static void metrics(StringBuilder out, RunRecord r) {
    out.append(
        "<h2>Metrics</h2>\n<table id=\"metrics\"><tr><th>function</th><th>tasks</th>"
            + "<th>finished</th><th>failed</th><th>retried</th><th>cancelled</th><th>min</th>"
            + "<th>median</th><th>p95</th><th>max</th><th>total</th></tr>\n");
    r.functionTotals()
        .forEach(
            (fn, t) -> {
              out.append("<tr><td>")
                  .append(Html.escape(fn))
                  .append("</td><td class=\"n\">")
                  .append(t.submitted())
                  .append("</td><td class=\"n\">")
                  .append(t.finished())
                  .append("</td><td class=\"n\">")
                  .append(t.failed())
                  .append("</td><td class=\"n\">")
                  .append(t.retried())
                  .append("</td><td class=\"n\">")
                  .append(t.cancelled())
                  .append("</td>");
              long[] q = t.quantiles();
              for (int i = 0; i < 4; i++) {
                // Median and p95 come from a histogram once detail was capped: marked with ~.
                String approx = !t.exact() && (i == 1 || i == 2) ? "~" : "";
                out.append("<td class=\"n\">")
                    .append(q == null ? "-" : approx + TimelineSvg.seconds(q[i]))
                    .append("</td>");
              }
              out.append("<td class=\"n\">")
                  .append(TimelineSvg.seconds(t.totalMicros()))
                  .append("</td></tr>\n");
            });
    out.append("</table>\n<p>Bytes moved: ");
    if (r.bytes().isEmpty()) {
      out.append("none through the work directory or the job graph");
    }
    List<String> parts = new ArrayList<>();
    r.bytes().forEach((channel, n) -> parts.add(channel + " " + bytes(n)));
    out.append(Html.escape(String.join(", ", parts)))
        .append(". Values passed between stages " + "inside the pipeline are not counted.</p>\n");
  }

  private static void row(StringBuilder out, String key, String value) {
    out.append("<tr><th>")
        .append(Html.escape(key))
        .append("</th><td>")
        .append(Html.escape(value))
        .append("</td></tr>\n");
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / 1024.0 / 1024);
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / 1024.0 / 1024 / 1024);
  }

  private static String stripProlog(String svg) {
    int at = svg.indexOf("<svg");
    return at < 0 ? svg : svg.substring(at);
  }
}
