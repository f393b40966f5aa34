package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results chart as plain SVG: horizontal bars of median GFLOP/s per matrix workload and size,
 * then median tasks/s (log scale) per tiny-task count; one colour per configuration.
 */
public final class SvgChart {
  private static final int WIDTH = 900;
  private static final int LABEL = 190;
  private static final int BAR = 13;
  private static final int GAP = 4;
  private static final Map<String, String> COLOURS =
      Map.of(
          "seq-ejml",
          "#9e9e9e",
          "seq-blas",
          "#37474f",
          "direct",
          "#1e88e5",
          "flink-embedded",
          "#43a047",
          "flink-cluster",
          "#e53935",
          "dask",
          "#fb8c00");

  private SvgChart() {}

  public static String render(List<Report.Median> medians, String title) {
    List<Report.Median> matrix = new ArrayList<>();
    List<Report.Median> tiny = new ArrayList<>();
    for (Report.Median m : medians) {
      if (m.workload().equals(Workload.TINY)) {
        if (!Double.isNaN(m.tasksPerS())) {
          tiny.add(m);
        }
      } else if (!Double.isNaN(m.gflops())) {
        matrix.add(m);
      }
    }
    StringBuilder body = new StringBuilder();
    int y = 40;
    y =
        panel(
            body,
            y,
            "Matrix products: GFLOP/s (median, higher is better)",
            matrix,
            Report.Median::gflops,
            false,
            "%.1f");
    y =
        panel(
            body,
            y + 20,
            "Tiny tasks: tasks/s end to end (median, log scale)",
            tiny,
            Report.Median::tasksPerS,
            true,
            "%.0f");
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            WIDTH,
            y + 10));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">")
        .append(escape(title))
        .append("</text>\n");
    svg.append(body).append("</svg>\n");
    return svg.toString();
  }

  private static int panel(
      StringBuilder out,
      int y,
      String heading,
      List<Report.Median> bars,
      ToDoubleFunction<Report.Median> value,
      boolean log,
      String format) {
    out.append(text(10, y, heading, "font-size=\"13\" font-weight=\"bold\""));
    y += 10;
    if (bars.isEmpty()) {
      out.append(text(10, y + 14, "(nothing measured)", "fill=\"#777\""));
      return y + 24;
    }
    double max = bars.stream().mapToDouble(value).max().orElse(1);
    double min = Math.max(1, bars.stream().mapToDouble(value).min().orElse(1) / 2);
    int span = WIDTH - LABEL - 80;
    Map<String, List<Report.Median>> groups = new LinkedHashMap<>();
    for (Report.Median m : bars) {
      groups.computeIfAbsent(m.workload() + " n=" + m.size(), k -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<String, List<Report.Median>> g : groups.entrySet()) {
      y += 16;
      out.append(text(10, y, g.getKey(), "font-weight=\"bold\""));
      y += 4;
      for (Report.Median m : g.getValue()) {
        double v = value.applyAsDouble(m);
        double fraction = log ? Math.log(v / min) / Math.log(max / min) : v / max;
        int w = Math.max(1, (int) Math.round(fraction * span));
        out.append(
            text(LABEL - 6, y + BAR - 3, m.config() + " x" + m.workers(), "text-anchor=\"end\""));
        out.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" " + "height=\"%d\" fill=\"%s\"/>%n",
                LABEL,
                y,
                w,
                BAR,
                COLOURS.getOrDefault(m.config(), "#555")));
        out.append(text(LABEL + w + 4, y + BAR - 3, String.format(Locale.ROOT, format, v), ""));
        y += BAR + GAP;
      }
    }
    return y;
  }

  private static String text(int x, int y, String s, String attrs) {
    return String.format(
        Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>%n", x, y, attrs, escape(s));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
