package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The product's speed targets (issue 15's table, then the SDK's cost against hand-made Beam), read
 * off the medians of one run of the suite (never asserted in tests): one Markdown line per target
 * with the measured figure, "met", "MISSED" or "not measured". Rows marked "for comparison" hold
 * the other configurations to the same bar.
 */
public final class Targets {
  private Targets() {}

  public static String markdown(List<Report.Median> medians, List<String[]> costRows) {
    StringBuilder md = new StringBuilder();
    md.append("| target | measured | verdict |\n|---|---|---|\n");
    syncTargets(md, medians);
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
          "matmul n=8192, "
              + config
              + " x2: >= 80% of OpenBLAS 2-thread GFLOP/s"
              + (config.equals("flink-cluster") ? "" : " (for comparison)"),
          Report.percent(ratio) + (m == null ? "" : fmt(" (%.1f GFLOP/s)", m.gflops())),
          ratio >= 0.8,
          Double.isNaN(ratio));
      faster(md, medians, Workload.MATMUL, 8192, config, 2, "matmul n=8192");
    }
    for (int workers : List.of(2, 1)) {
      faster(
          md,
          medians,
          Workload.KMEANS,
          -1,
          "flink-cluster",
          workers,
          "kmeans, " + Workload.KMEANS_ITERATIONS + " iterations");
    }
    tinyTarget(md, medians, "direct", 100_000);
    tinyTarget(md, medians, "flink-cluster", 60_000);
    tinyTarget(md, medians, "flink-embedded", 60_000);
    Report.Median dask = find(medians, Workload.TINY, 100_000, "dask", 2);
    row(
        md,
        "100,000 tiny tasks, dask x2 (the peer, for comparison): >= 60,000 tasks/s",
        dask == null ? "" : fmt("%.0f tasks/s", dask.tasksPerS()),
        dask != null && dask.tasksPerS() >= 60_000,
        dask == null);
    Report.Median session = find(medians, Workload.SESSION, 1_000_000, "direct", 2);
    row(
        md,
        "1,000,000 tiny tasks in one session (10 sync points), direct x2: >= 100,000 tasks/s",
        session == null ? "" : fmt("%.0f tasks/s", session.tasksPerS()),
        session != null && session.tasksPerS() >= 100_000,
        session == null);
    row(
        md,
        "1,000,000 tiny tasks in one session, direct x2: driver heap retained < 100 MB",
        session == null ? "" : fmt("%.1f MB", session.retainedMb()),
        session != null && session.retainedMb() < 100,
        session == null || Double.isNaN(session.retainedMb()));
    dashboardTarget(md, medians);
    checkpointTargets(md, medians);
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

  /** Warm round trips (sync, median of its runs' medians) and a fresh JVM's first sync point. */
  private static void syncTargets(StringBuilder md, List<Report.Median> medians) {
    for (String[] t :
        new String[][] {
          {"flink-cluster", "250"}, {"direct", "20"}, {"flink-embedded", "250"}, {"dask", ""}
        }) {
      Report.Median m = find(medians, Workload.SYNC, -1, t[0], 2);
      boolean peer = t[1].isEmpty();
      row(
          md,
          "sync point round trip, warm session, "
              + t[0]
              + " x2"
              + (peer ? " (the peer, for comparison)" : ": <= " + t[1] + " ms"),
          m == null ? "" : fmt("%.1f ms", m.seconds() * 1e3),
          !peer && m != null && m.seconds() * 1e3 <= Double.parseDouble(t[1]),
          m == null);
    }
    for (String[] t :
        new String[][] {{"direct", "1"}, {"flink-embedded", "3"}, {"flink-cluster", "3"}}) {
      Report.Median m = find(medians, Workload.FIRST_SYNC, -1, t[0], 2);
      row(
          md,
          "first sync point of a fresh JVM, " + t[0] + " x2: <= " + t[1] + " s",
          m == null ? "" : fmt("%.2f s", m.seconds()),
          m != null && m.seconds() <= Double.parseDouble(t[1]),
          m == null);
    }
  }

  /**
   * The live dashboard's cost (issue 25): the same session with it on against off, and the seed
   * shape with it on against off: the pair {@code seed-dashboard-auto}/{@code -off} (runs
   * alternating in one JVM) where measured, else {@code direct} (dashboard on by default) against
   * {@code direct-nodashboard}.
   */
  private static void dashboardTarget(StringBuilder md, List<Report.Median> medians) {
    Report.Median seedOn = find(medians, Workload.SEED_DASHBOARD_AUTO, -1, "direct", 2);
    Report.Median seedOff = find(medians, Workload.SEED_DASHBOARD_OFF, -1, "direct", 2);
    if (seedOn == null || seedOff == null) {
      seedOn = find(medians, Workload.SEED, -1, Config.DIRECT.label(), 2);
      seedOff = find(medians, Workload.SEED, -1, Config.DIRECT_NO_DASHBOARD.label(), 2);
    }
    boolean seedMissing = seedOn == null || seedOff == null;
    double seedCost = seedMissing ? Double.NaN : seedOn.seconds() / seedOff.seconds() - 1;
    row(
        md,
        "live dashboard's cost, seed shape, direct x2: <= 3% of wall time",
        seedMissing
            ? ""
            : fmt(
                "%+.1f%% (on %.2f s, off %.2f s)",
                seedCost * 100, seedOn.seconds(), seedOff.seconds()),
        seedCost <= 0.03,
        seedMissing);
    Report.Median off = find(medians, Workload.DASHBOARD_OFF, 1_000_000, "direct", 2);
    Report.Median on = find(medians, Workload.DASHBOARD_AUTO, 1_000_000, "direct", 2);
    boolean missing = off == null || on == null;
    double cost = missing ? Double.NaN : on.seconds() / off.seconds() - 1;
    row(
        md,
        "live dashboard's cost, 1,000,000 tiny tasks in one session, direct x2: <= 3% of wall time",
        missing
            ? ""
            : fmt("%+.1f%% (on %.2f s, off %.2f s", cost * 100, on.seconds(), off.seconds())
                + retained(on, off)
                + ")",
        cost <= 0.03,
        missing);
  }

  /**
   * Checkpoints' cost (issue 24): the default {@code sync} policy and {@code tasks:100} against
   * {@code --checkpoint=off}, and a k-means run resumed after a crash at 90% against a whole run.
   */
  private static void checkpointTargets(StringBuilder md, List<Report.Median> medians) {
    for (String workload : List.of(Workload.SEED, Workload.KMEANS)) {
      Report.Median off = find(medians, workload, -1, Config.DIRECT_NO_CHECKPOINT.label(), 2);
      for (Config c : List.of(Config.DIRECT, Config.DIRECT_CHECKPOINT_TASKS100)) {
        Report.Median on = find(medians, workload, -1, c.label(), 2);
        boolean missing = off == null || on == null;
        double cost = missing ? Double.NaN : on.seconds() / off.seconds() - 1;
        boolean sync = c == Config.DIRECT;
        row(
            md,
            "checkpoint cost, "
                + (sync ? "`sync` (the default)" : "`tasks:100`")
                + ", "
                + workload
                + ", direct x2"
                + (sync ? "" : " (for comparison)")
                + ": <= 5% of run time",
            missing
                ? ""
                : fmt(
                    "%+.1f%% (%.2f s against %.2f s off)", cost * 100, on.seconds(), off.seconds()),
            cost <= 0.05,
            missing);
      }
    }
    for (Config c : List.of(Config.DIRECT, Config.FLINK_CLUSTER)) {
      Report.Median fresh = find(medians, Workload.KMEANS_FRESH, -1, c.label(), 2);
      Report.Median resumed = find(medians, Workload.KMEANS_RESUMED, -1, c.label(), 2);
      boolean missing = fresh == null || resumed == null;
      double share = missing ? Double.NaN : resumed.seconds() / fresh.seconds();
      row(
          md,
          "k-means resumed after a crash at 90%, "
              + c.label()
              + " x2: <= 15% of the whole run's time",
          missing
              ? ""
              : fmt(
                  "%.0f%% (%.2f s against %.2f s)",
                  share * 100, resumed.seconds(), fresh.seconds()),
          share <= 0.15,
          missing);
    }
  }

  private static String retained(Report.Median on, Report.Median off) {
    if (Double.isNaN(on.retainedMb()) || Double.isNaN(off.retainedMb())) {
      return "";
    }
    return fmt("; heap retained on %.1f MB, off %.1f MB", on.retainedMb(), off.retainedMb());
  }

  private static void tinyTarget(
      StringBuilder md, List<Report.Median> medians, String config, int rate) {
    Report.Median m = find(medians, Workload.TINY, 100_000, config, 2);
    row(
        md,
        fmt("100,000 tiny tasks, %s x2: >= %,d tasks/s", config, rate),
        m == null ? "" : fmt("%.0f tasks/s", m.tasksPerS()),
        m != null && m.tasksPerS() >= rate,
        m == null);
  }

  /** "{@code what}, config xN faster than dask xN". */
  private static void faster(
      StringBuilder md,
      List<Report.Median> medians,
      String workload,
      int size,
      String config,
      int workers,
      String what) {
    Report.Median m = find(medians, workload, size, config, workers);
    Report.Median dask = find(medians, workload, size, "dask", workers);
    boolean both = m != null && dask != null;
    row(
        md,
        what + ", " + config + " x" + workers + " faster than dask x" + workers,
        both ? fmt("%.2f s vs %.2f s", m.seconds(), dask.seconds()) : "",
        both && m.seconds() < dask.seconds(),
        !both);
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
