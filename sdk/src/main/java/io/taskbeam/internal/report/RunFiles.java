package io.taskbeam.internal.report;

import io.taskbeam.internal.observe.RunDirectory;
import io.taskbeam.internal.observe.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run directory's files from its record: graph.dot (and graph.svg with Graphviz),
 * plan.dot, and, once anything ran, trace.json, trace.prv/.pcf/.row and report.html.
 */
public final class RunFiles {
  private RunFiles() {}

  /**
   * Writes everything ({@code ran} false: only the graph and the plan, for {@code --explain});
   * returns what it did, for {@code run.log}.
   */
  public static List<String> write(RunRecord record, RunDirectory dir, boolean ran) {
    List<String> log = new ArrayList<>();
    dir.write(RunDirectory.GRAPH_DOT, TaskGraphDot.render(record));
    dir.write(RunDirectory.PLAN_DOT, PlanDot.render(record));
    Graphviz.Rendering svg =
        Graphviz.start(
            dir.file(RunDirectory.GRAPH_DOT),
            dir.file(RunDirectory.GRAPH_SVG),
            record.tasks().size());
    String note;
    try {
      if (ran) { // while dot lays the graph out
        dir.write(RunDirectory.TRACE_JSON, ChromeTrace.render(record));
        ParaverTrace.Files prv = ParaverTrace.render(record);
        dir.write(RunDirectory.TRACE_PRV, prv.prv());
        dir.write(RunDirectory.TRACE_PCF, prv.pcf());
        dir.write(RunDirectory.TRACE_ROW, prv.row());
      }
    } finally {
      note = svg.await();
    }
    log.add(
        "wrote graph.dot, plan.dot" + (note == null ? ", graph.svg" : "; no graph.svg: " + note));
    if (record.detailNotice() != null) {
      log.add(record.detailNotice());
    }
    if (!ran) {
      return log;
    }
    dir.write(RunDirectory.REPORT, ReportPage.render(record, note));
    log.add(
        "wrote trace.json, trace.prv, trace.pcf, trace.row, report.html ("
            + record.chunkRuns().size()
            + " chunk runs, "
            + record.workers().size()
            + " workers)");
    return log;
  }
}
