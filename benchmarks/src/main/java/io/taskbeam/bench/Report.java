package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Medians of the measured runs and the Markdown table: time, GFLOP/s, tasks/s, speedup from 1 to 2
 * workers, parallel efficiency (speedup / 2) and the ratio to OpenBLAS with 2 threads (seq-blas x2)
 * on the same workload.
 */
public final class Report {
  private Report() {}

  /** The median of one (workload, size, config, workers) group. */
  public record Median(
      String workload,
      int size,
      String config,
      int workers,
      int runs,
      double seconds,
      double gflops,
      double tasksPerS,
      String kernel,
      double retainedMb) {
    String key() {
      return workload + "/" + size + "/" + config;
    }
  }

  /** Groups rows and takes the median time of each group (GFLOP/s, tasks/s derived from it). */
  public static List<Median> medians(List<Row> rows) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      groups
          .computeIfAbsent(
              r.workload() + "/" + r.size() + "/" + r.config() + "/" + r.workers(),
              k -> new ArrayList<>())
          .add(r);
    }
    List<Median> out = new ArrayList<>();
    for (List<Row> g : groups.values()) {
      Row first = g.get(0);
      double seconds = median(g.stream().mapToDouble(Row::seconds).toArray());
      double scale = first.seconds() / seconds;
      out.add(
          new Median(
              first.workload(),
              first.size(),
              first.config(),
              first.workers(),
              g.size(),
              seconds,
              first.gflops() * scale,
              first.tasksPerS() * scale,
              first.kernel(),
              median(g.stream().mapToDouble(Row::retainedMb).toArray())));
    }
    out.sort(
        Comparator.comparingInt((Median m) -> workloadOrder(m.workload()))
            .thenComparingInt(Median::size)
            .thenComparingInt(m -> Config.labels().indexOf(m.config()))
            .thenComparingInt(Median::workers));
    return out;
  }

  public static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Median time with 1 worker / median time with 2 workers, or NaN. */
  public static double speedup(List<Median> medians, Median two) {
    for (Median m : medians) {
      if (m.key().equals(two.key()) && m.workers() == 1) {
        return m.seconds() / two.seconds();
      }
    }
    return Double.NaN;
  }

  /** GFLOP/s of {@code m} over seq-blas x2 on the same workload and size, or NaN. */
  public static double ratioToBlas2(List<Median> medians, Median m) {
    for (Median ref : medians) {
      if (ref.config().equals(Config.SEQ_BLAS.label())
          && ref.workers() == 2
          && ref.workload().equals(m.workload())
          && ref.size() == m.size()) {
        return m.gflops() / ref.gflops();
      }
    }
    return Double.NaN;
  }

  /** The Markdown table, one line per median. */
  public static String markdown(List<Median> medians) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| workload | size | config | workers | runs | median s | GFLOP/s | tasks/s "
            + "| speedup 1->2 | efficiency | vs OpenBLAS 2t | kernel | retained MB |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
    for (Median m : medians) {
      double speedup = m.workers() == 2 ? speedup(medians, m) : Double.NaN;
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              m.workload(),
              m.size(),
              m.config(),
              m.workers(),
              m.runs(),
              fixed(m.seconds(), 3),
              fixed(m.gflops(), 1),
              fixed(m.tasksPerS(), 0),
              fixed(speedup, 2),
              percent(speedup / 2),
              percent(ratioToBlas2(medians, m)),
              m.kernel(),
              fixed(m.retainedMb(), 1)));
    }
    return md.toString();
  }

  static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String percent(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  private static int workloadOrder(String workload) {
    return Workload.NAMES.indexOf(workload);
  }
}
