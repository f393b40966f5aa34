package io.taskbeam.bench.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scaling chart as one self-contained SVG (no fonts or scripts from elsewhere). Left: the
 * measured runs on this host (filled: fitted; hollow: held out) and the model's time for the same
 * configurations. Right: the predicted time on 1 to 256 nodes (log-log), with the band and the
 * ideal {@code T(1) / W} of each workload dotted.
 */
final class ScalingChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  private static final int W = 960;
  private static final int H = 420;
  private static final int TOP = 40;
  private static final int BOTTOM = 340;

  private ScalingChart() {}

  static String svg(
      ScalingModel model,
      List<Point> all,
      int held,
      List<ScalingModel.Shape> shapes,
      ScalingModel.Node node,
      double worst) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H,
            W,
            H));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    measured(s, model, all, held);
    predicted(s, model, shapes, node, worst);
    s.append("</svg>\n");
    return s.toString();
  }

  private static void measured(StringBuilder s, ScalingModel model, List<Point> all, int held) {
    int left = 60;
    int right = 430;
    double maxW = all.stream().mapToInt(Point::workers).max().orElse(8);
    double maxT = 0;
    for (Point p : all) {
      maxT = Math.max(maxT, Math.max(p.wall(), model.hostSeconds(p)));
    }
    maxT = niceCeil(maxT);
    text(s, left, 20, "Measured here (2 cores): wall s against TaskManagers", 13);
    axes(s, left, right);
    for (int w = 1; w <= maxW; w++) {
      double x = left + (right - left) * (w - 1) / Math.max(1, maxW - 1);
      text(s, x - 3, BOTTOM + 16, Integer.toString(w), 11);
    }
    for (int i = 0; i <= 4; i++) {
      double y = BOTTOM - (BOTTOM - TOP) * i / 4.0;
      text(s, left - 40, y + 4, String.format(Locale.ROOT, "%.1f", maxT * i / 4), 11);
      line(s, left, y, right, y, "#eee", "");
    }
    text(s, left + 120, BOTTOM + 34, "TaskManagers (1 slot each)", 12);
    Map<String, TreeMap<Integer, List<Point>>> byWorkload = new TreeMap<>();
    for (Point p : all) {
      byWorkload
          .computeIfAbsent(p.workload() + ":" + p.size() + ":" + p.block(), k -> new TreeMap<>())
          .computeIfAbsent(p.workers(), k -> new ArrayList<>())
          .add(p);
    }
    int colour = 0;
    for (Map.Entry<String, TreeMap<Integer, List<Point>>> e : byWorkload.entrySet()) {
      String c = COLOURS[colour++ % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (Map.Entry<Integer, List<Point>> g : e.getValue().entrySet()) {
        double x = left + (right - left) * (g.getKey() - 1) / Math.max(1, maxW - 1);
        double ym =
            BOTTOM - (BOTTOM - TOP) * model.hostSeconds(ScalingFit.median(g.getValue())) / maxT;
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, ym));
        for (Point p : g.getValue()) {
          double y = BOTTOM - (BOTTOM - TOP) * p.wall() / maxT;
          s.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>%n",
                  x,
                  y,
                  p.workers() == held ? "white" : c,
                  c));
        }
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"5,3\"/>%n",
              path,
              c));
      int ly = TOP + 14 * (colour - 1);
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>%n",
              right - 150,
              ly,
              c));
      text(s, right - 142, ly + 4, e.getKey(), 11);
    }
    text(s, left, BOTTOM + 52, "dots: runs (hollow: held out); dashed: model", 11);
  }

  private static void predicted(
      StringBuilder s,
      ScalingModel model,
      List<ScalingModel.Shape> shapes,
      ScalingModel.Node node,
      double worst) {
    int left = 540;
    int right = 930;
    double lo = Double.MAX_VALUE;
    double hi = 0;
    int[] ws = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    for (ScalingModel.Shape sh : shapes) {
      for (int w : ws) {
        double[] b = model.band(sh, node, w, worst);
        double ideal = model.predict(sh, node, 1) / w;
        lo = Math.min(lo, Math.min(b[0], ideal));
        hi = Math.max(hi, b[1]);
      }
    }
    double logLo = Math.floor(Math.log10(Math.max(lo, 1e-3)));
    double logHi = Math.ceil(Math.log10(hi));
    text(s, left, 20, "Predicted on N nodes (log-log); dotted: ideal T(1)/N", 13);
    axes(s, left, right);
    for (int i = 0; i < ws.length; i++) {
      text(s, px(left, right, ws[i]) - 6, BOTTOM + 16, Integer.toString(ws[i]), 11);
    }
    for (double d = logLo; d <= logHi; d++) {
      double y = py(d, logLo, logHi);
      double v = Math.pow(10, d);
      text(
          s,
          left - 45,
          y + 4,
          String.format(Locale.ROOT, v < 0.1 ? "%.2f s" : v < 1 ? "%.1f s" : "%.0f s", v),
          11);
      line(s, left, y, right, y, "#eee", "");
    }
    text(s, left + 150, BOTTOM + 34, "nodes", 12);
    int colour = 0;
    for (ScalingModel.Shape sh : shapes) {
      String c = COLOURS[colour++ % COLOURS.length];
      StringBuilder upper = new StringBuilder();
      StringBuilder lower = new StringBuilder();
      StringBuilder mid = new StringBuilder();
      StringBuilder ideal = new StringBuilder();
      double t1 = model.predict(sh, node, 1);
      for (int w : ws) {
        double[] b = model.band(sh, node, w, worst);
        double x = px(left, right, w);
        upper.append(
            String.format(
                Locale.ROOT,
                "%s%.1f %.1f",
                upper.length() == 0 ? "M" : " L",
                x,
                py(Math.log10(b[1]), logLo, logHi)));
        lower.insert(
            0,
            String.format(
                Locale.ROOT, " L%.1f %.1f", x, py(Math.log10(Math.max(b[0], 1e-3)), logLo, logHi)));
        mid.append(
            String.format(
                Locale.ROOT,
                "%s%.1f %.1f",
                mid.length() == 0 ? "M" : " L",
                x,
                py(Math.log10(model.predict(sh, node, w)), logLo, logHi)));
        ideal.append(
            String.format(
                Locale.ROOT,
                "%s%.1f %.1f",
                ideal.length() == 0 ? "M" : " L",
                x,
                py(Math.log10(t1 / w), logLo, logHi)));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s%s Z\" fill=\"%s\" fill-opacity=\"0.15\" stroke=\"none\"/>%n",
              upper,
              lower,
              c));
      s.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              mid,
              c));
      s.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"2,3\"/>%n",
              ideal,
              c));
      int ly = TOP + 14 * (colour - 1);
      line(s, right - 215, ly, right - 197, ly, c, "");
      text(s, right - 191, ly + 4, sh.name(), 11);
    }
    text(
        s,
        left - 30,
        BOTTOM + 52,
        String.format(
            Locale.ROOT,
            "node: %.0f GFLOP/s per slot, %.0f Gbit/s; band: constants ± 2 s.e.,"
                + " then ± %.0f%%",
            node.gflops(),
            node.linkBytesPerSecond() * 8 / 1e9,
            100 * worst),
        11);
  }

  private static double px(int left, int right, int w) {
    return left + (right - left) * (Math.log(w) / Math.log(256));
  }

  private static double py(double log, double logLo, double logHi) {
    return BOTTOM - (BOTTOM - TOP) * (log - logLo) / (logHi - logLo);
  }

  private static double niceCeil(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(v)));
    return Math.ceil(v / step * 2) * step / 2;
  }

  private static void axes(StringBuilder s, int left, int right) {
    line(s, left, BOTTOM, right, BOTTOM, "#333", "");
    line(s, left, TOP, left, BOTTOM, "#333", "");
  }

  private static void line(
      StringBuilder s, double x1, double y1, double x2, double y2, String c, String extra) {
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            c,
            extra));
  }

  private static void text(StringBuilder s, double x, double y, String t, int size) {
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">%s</text>%n",
            x,
            y,
            size,
            t.replace("&", "&amp;").replace("<", "&lt;")));
  }
}
