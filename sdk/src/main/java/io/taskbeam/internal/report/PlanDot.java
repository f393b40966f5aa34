package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.Palette;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.StageInfo;
import io.taskbeam.internal.observe.SyncInfo;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compiled plans in DOT ({@code plan.dot}): per sync point a cluster of stages, each stage a
 * cluster of its chunks (the elements of its ParDo). Solid edges are values routed from a chunk of
 * an earlier stage to the chunk that reads them (labelled with the count of values); a note per
 * stage lists its side input, fed by the stages (or the driver) that produce it and read by every
 * chunk of the stage.
 */
public final class PlanDot {
  private static final int LISTED_KEYS = 4;

  private PlanDot() {}

  public static String render(RunRecord record) {
    List<String> functions = record.functions();
    StringBuilder out = new StringBuilder();
    out.append("digraph plan {\n  rankdir=LR;\n  compound=true;\n");
    out.append("  node [shape=box, style=filled, fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=8];\n");
    for (SyncInfo sync : record.syncs()) {
      String p = "s" + sync.sync() + "_";
      out.append("  subgraph cluster_sync").append(sync.sync()).append(" {\n");
      out.append("    label=")
          .append(
              Dot.quote(
                  "sync "
                      + sync.sync()
                      + ": "
                      + sync.tasks()
                      + " tasks, "
                      + sync.stages().size()
                      + " stages, "
                      + sync.chunks()
                      + " chunks"))
          .append(";\n");
      boolean driverNode = false;
      for (StageInfo stage : sync.stages()) {
        String colour = Palette.colour(functions.indexOf(stage.function()));
        out.append("    subgraph cluster_").append(p).append(stage.index()).append(" {\n");
        out.append("      label=")
            .append(
                Dot.quote(
                    "stage "
                        + stage.index()
                        + " "
                        + stage.name()
                        + "\n"
                        + stage.tasks()
                        + " tasks, depth "
                        + stage.depth()))
            .append(";\n");
        for (int c = 0; c < stage.chunks(); c++) {
          out.append("      ")
              .append(chunk(p, stage.index(), c))
              .append(" [label=")
              .append(Dot.quote("chunk " + c + "\n" + stage.chunkTasks().get(c) + " tasks"))
              .append(", fillcolor=")
              .append(Dot.quote(colour))
              .append("];\n");
        }
        out.append("    }\n");
        driverNode |= stage.sideInputs().containsValue(-1);
      }
      if (driverNode) {
        out.append("    ")
            .append(p)
            .append(
                "driver [label=\"driver values\", shape=cylinder, " + "fillcolor=\"#eeeeee\"];\n");
      }
      for (StageInfo stage : sync.stages()) {
        routes(out, p, sync, stage);
        side(out, p, sync, stage);
      }
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static void routes(StringBuilder out, String p, SyncInfo sync, StageInfo stage) {
    for (Map.Entry<Integer, SortedMap<String, List<Integer>>> from :
        stage.mainRoutes().entrySet()) {
      StageInfo producer = sync.stages().get(from.getKey());
      if (from.getValue().isEmpty()) {
        // a priority stage this one waits for without reading from it
        out.append("    ")
            .append(chunk(p, producer.index(), 0))
            .append(" -> ")
            .append(chunk(p, stage.index(), 0))
            .append(" [style=dashed, label=\"after\"];\n");
        continue;
      }
      Map<String, Integer> counts = new TreeMap<>();
      for (Map.Entry<String, List<Integer>> route : from.getValue().entrySet()) {
        Integer source = producer.emittedBy().get(route.getKey());
        for (int reader : route.getValue()) {
          counts.merge(
              chunk(p, producer.index(), source == null ? 0 : source)
                  + " -> "
                  + chunk(p, stage.index(), reader),
              1,
              Integer::sum);
        }
      }
      counts.forEach(
          (edge, n) ->
              out.append("    ")
                  .append(edge)
                  .append(" [label=")
                  .append(Dot.quote(n + (n == 1 ? " value" : " values")))
                  .append("];\n"));
    }
  }

  private static void side(StringBuilder out, String p, SyncInfo sync, StageInfo stage) {
    if (stage.sideInputs().isEmpty()) {
      return;
    }
    String node = p + "side" + stage.index();
    StringBuilder label = new StringBuilder("side input of " + stage.name() + "\n");
    int listed = 0;
    for (String key : stage.sideInputs().keySet()) {
      if (listed++ == LISTED_KEYS) {
        label.append("... ").append(stage.sideInputs().size() - LISTED_KEYS).append(" more");
        break;
      }
      label.append(key).append(' ');
    }
    out.append("    ")
        .append(node)
        .append(" [label=")
        .append(Dot.quote(label.toString().strip()))
        .append(", shape=note, fillcolor=\"#ffffff\"];\n");
    Map<String, Integer> feeds = new TreeMap<>();
    stage
        .sideInputs()
        .forEach(
            (key, from) -> {
              String source;
              if (from < 0) {
                source = p + "driver";
              } else {
                Integer c = sync.stages().get(from).emittedBy().get(key);
                source = chunk(p, from, c == null ? 0 : c);
              }
              feeds.merge(source, 1, Integer::sum);
            });
    feeds.forEach(
        (source, n) ->
            out.append("    ")
                .append(source)
                .append(" -> ")
                .append(node)
                .append(" [style=dashed, label=")
                .append(Dot.quote(n + (n == 1 ? " value" : " values")))
                .append("];\n"));
    for (int c = 0; c < stage.chunks(); c++) {
      out.append("    ")
          .append(node)
          .append(" -> ")
          .append(chunk(p, stage.index(), c))
          .append(" [style=dashed];\n");
    }
  }

  private static String chunk(String p, int stage, int chunk) {
    return p + stage + "_c" + chunk;
  }
}
