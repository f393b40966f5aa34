package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The product's speed targets, read off the medians of one run of the suite (never asserted in
 * tests): one Markdown line per target with the measured figure, "met", "MISSED" or "not measured".
 */
public final class Targets {
  private Targets() {}

  public static String markdown(List<Report.Median> medians, List<String[]> costRows) {
    StringBuilder md = new StringBuilder();
    md.append("| target | measured | verdict |\n|---|---|---|\n");
    for (String config : List.of("flink-cluster", "flink-embedded", "direct", "dask")) {
      Report.Median two = find(medians, Workload.SEED, -1, config, 2);
      double speedup = two == null ? Double.NaN : Report.speedup(medians, two);
      row(
          md,
          "seed1000, 1 -> 2 workers, "
              + config
              + ": speedup >= 1.9"
              + (config.equals("flink-cluster") ? "" : " (for comparison)"),
          fmt("%.2f", speedup),
          speedup >= 1.9,
          Double.isNaN(speedup));
    }
    for (String config : List.of("flink-cluster", "flink-embedded", "direct")) {
      Report.Median m = find(medians, Workload.MATMUL, 8192, config, 2);
      double ratio = m == null ? Double.NaN : Report.ratioToBlas2(medians, m);
      row(
          md,
          "matmul n=8192, " + config + " x2: >= 70% of OpenBLAS 2-thread GFLOP/s",
          Report.percent(ratio) + (m == null ? "" : fmt(" (%.1f GFLOP/s)", m.gflops())),
          ratio >= 0.7,
          Double.isNaN(ratio));
      Report.Median dask = find(medians, Workload.MATMUL, 8192, "dask", 2);
      boolean both = m != null && dask != null;
      row(
          md,
          "matmul n=8192, " + config + " x2 faster than dask x2",
          both ? fmt("%.2f s vs %.2f s", m.seconds(), dask.seconds()) : "",
          both && m.seconds() < dask.seconds(),
          !both);
    }
    for (String config : List.of("direct", "flink-cluster", "flink-embedded", "dask")) {
      Report.Median m = find(medians, Workload.TINY, 100_000, config, 2);
      double rate = m == null ? Double.NaN : m.tasksPerS();
      row(
          md,
          "100,000 tiny tasks, "
              + config
              + " x2: >= 20,000 tasks/s"
              + (config.equals("dask") ? " (the peer, for comparison)" : ""),
          fmt("%.0f tasks/s", rate),
          rate >= 20_000,
          Double.isNaN(rate));
    }
    for (String[] cost :
        sdkCost(
            costRows.stream().filter(r -> !r[2].equals(Config.FLINK_CLUSTER.label())).toList())) {
      double ratio = Double.parseDouble(cost[1]);
      row(
          md,
          "SDK cost vs hand-made Beam, " + cost[0] + ": within 10%",
          fmt("%+.1f%%", (ratio - 1) * 100) + " (" + cost[2] + ")",
          ratio <= 1.10,
          false);
    }
    return md.toString();
  }

  /** Per (workload, size, config, workers): median taskbeam time / median hand-made time. */
  static List<String[]> sdkCost(List<String[]> costRows) {
    List<String> groups = new ArrayList<>();
    for (String[] r : costRows) {
      String g = r[0] + " n=" + r[1] + ", " + r[2] + " x" + r[3];
      if (!groups.contains(g)) {
        groups.add(g);
      }
    }
    List<String[]> out = new ArrayList<>();
    for (String g : groups) {
      List<Double> sdk = new ArrayList<>();
      List<Double> hand = new ArrayList<>();
      for (String[] r : costRows) {
        if ((r[0] + " n=" + r[1] + ", " + r[2] + " x" + r[3]).equals(g)) {
          (r[6].equals("hand-beam") ? hand : sdk).add(Double.parseDouble(r[5]));
        }
      }
      if (!sdk.isEmpty() && !hand.isEmpty()) {
        double s = Report.median(sdk.stream().mapToDouble(Double::doubleValue).toArray());
        double h = Report.median(hand.stream().mapToDouble(Double::doubleValue).toArray());
        out.add(
            new String[] {
              g, Double.toString(s / h), fmt("taskbeam %.2f s, hand-made %.2f s", s, h)
            });
      }
    }
    return out;
  }

  private static Report.Median find(
      List<Report.Median> medians, String workload, int size, String config, int workers) {
    for (Report.Median m : medians) {
      if (m.workload().equals(workload)
          && (size < 0 || m.size() == size)
          && m.config().equals(config)
          && m.workers() == workers) {
        return m;
      }
    }
    return null;
  }

  private static void row(
      StringBuilder md, String target, String measured, boolean met, boolean missing) {
    md.append("| ")
        .append(target)
        .append(" | ")
        .append(missing ? "" : measured)
        .append(" | ")
        .append(missing ? "not measured" : met ? "met" : "MISSED")
        .append(" |\n");
  }

  private static String fmt(String format, Object... args) {
    for (Object a : args) {
      if (a instanceof Double d && d.isNaN()) {
        return "";
      }
    }
    return String.format(Locale.ROOT, format, args);
  }
}
