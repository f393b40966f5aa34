package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.Palette;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.SyncInfo;
import io.taskbeam.internal.observe.TaskInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole run's task graph in Graphviz DOT ({@code graph.dot}): one node per task, coloured by
 * function; one edge per version a task reads from another task, labelled with the version ({@code
 * d3v2}: datum 3, version 2); and an octagon per sync point with dashed edges from the tasks whose
 * results the program kept there. Edges across sync points are drawn too: a task reading a result
 * stored by an earlier sync point points back at the task that computed it.
 *
 * <pre>
 * digraph taskbeam {
 *   t1 [label="one#1", fillcolor="#4e79a7"];
 *   t2 [label="add#2", fillcolor="#f28e2b"];
 *   t1 -&gt; t2 [label="d1v1"];
 *   sync1 [label="sync 1", shape=octagon, fillcolor="#dddddd"];
 *   t2 -&gt; sync1 [label="d2v1", style=dashed];
 * }
 * </pre>
 */
public final class TaskGraphDot {
  private TaskGraphDot() {}

  public static String render(RunRecord record) {
    List<String> functions = record.functions();
    StringBuilder out = new StringBuilder();
    out.append("digraph taskbeam {\n");
    out.append("  label=")
        .append(
            Dot.quote(
                record.app()
                    + ": "
                    + record.tasks().size()
                    + " tasks, "
                    + record.syncs().size()
                    + " sync points"
                    + (record.detailNotice() == null ? "" : "\n" + record.detailNotice())))
        .append(";\n");
    out.append("  labelloc=t;\n");
    out.append("  node [shape=ellipse, style=filled, fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=8];\n");
    for (TaskInfo t : record.tasks()) {
      out.append("  t")
          .append(t.id())
          .append(" [label=")
          .append(Dot.quote(t.name()))
          .append(", fillcolor=")
          .append(Dot.quote(Palette.colour(functions.indexOf(t.function()))))
          .append("];\n");
    }
    for (TaskInfo t : record.tasks()) {
      Set<String> drawn = new LinkedHashSet<>();
      for (TaskInfo.Input in : t.inputs()) {
        if (in.producer() != 0 && drawn.add(in.producer() + "/" + in.key())) {
          out.append("  t")
              .append(in.producer())
              .append(" -> t")
              .append(t.id())
              .append(" [label=")
              .append(Dot.quote(in.key()))
              .append("];\n");
        }
      }
    }
    for (SyncInfo s : record.syncs()) {
      out.append("  sync")
          .append(s.sync())
          .append(" [label=")
          .append(Dot.quote("sync " + s.sync()))
          .append(", shape=octagon, fillcolor=")
          .append(Dot.quote(s.error() == null ? "#dddddd" : "#ff8080"))
          .append("];\n");
      for (TaskInfo.Input kept : s.kept()) {
        out.append("  t")
            .append(kept.producer())
            .append(" -> sync")
            .append(s.sync())
            .append(" [label=")
            .append(Dot.quote(kept.key()))
            .append(", style=dashed];\n");
      }
    }
    out.append(legend(functions));
    out.append("}\n");
    return out.toString();
  }

  private static String legend(List<String> functions) {
    StringBuilder out = new StringBuilder();
    out.append("  subgraph cluster_legend {\n    label=\"task functions\";\n    style=dashed;\n");
    for (int i = 0; i < functions.size(); i++) {
      out.append("    legend")
          .append(i)
          .append(" [label=")
          .append(Dot.quote(functions.get(i)))
          .append(", shape=box, fillcolor=")
          .append(Dot.quote(Palette.colour(i)))
          .append("];\n");
    }
    out.append("  }\n");
    return out.toString();
  }
}
