package io.taskbeam.bench;

import java.util.Locale;

/**
 * One measured run: a line of {@code results.csv}. {@code gflops} is empty (NaN) for tiny tasks,
 * {@code tasksPerS} for the sequential configurations, which run no tasks; {@code retainedMb} (the
 * driver's heap still in use after the sync points, above the heap before the session) only for the
 * session workload. Lines without the last field (the Dask peer's) parse with it empty.
 */
public record Row(
    String workload,
    int size,
    String config,
    int workers,
    int run,
    double seconds,
    double gflops,
    double tasksPerS,
    String kernel,
    double retainedMb) {
  public static final String HEADER =
      "workload,size,config,workers,run,seconds,gflops,tasks_per_s,kernel,retained_mb";

  /** Derives GFLOP/s and tasks/s from the workload and the time. */
  public static Row of(
      Workload w,
      String config,
      int workers,
      int run,
      double seconds,
      boolean ranTasks,
      String kernel) {
    double gflops = w.isMatrix() ? w.flops() / seconds / 1e9 : Double.NaN;
    double tasksPerS = ranTasks ? w.tasks() / seconds : Double.NaN;
    return new Row(
        w.name(), w.size(), config, workers, run, seconds, gflops, tasksPerS, kernel, Double.NaN);
  }

  /** This row with the driver's retained heap (session workload). */
  public Row withRetainedMb(double mb) {
    return new Row(workload, size, config, workers, run, seconds, gflops, tasksPerS, kernel, mb);
  }

  public String csv() {
    return String.join(
        ",",
        workload,
        Integer.toString(size),
        config,
        Integer.toString(workers),
        Integer.toString(run),
        String.format(Locale.ROOT, "%.4f", seconds),
        number(gflops),
        number(tasksPerS),
        kernel,
        number(retainedMb));
  }

  public static Row parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 9 && f.length != 10) {
      throw new IllegalArgumentException("not a results row (9 or 10 fields): " + line);
    }
    return new Row(
        f[0],
        Integer.parseInt(f[1]),
        f[2],
        Integer.parseInt(f[3]),
        Integer.parseInt(f[4]),
        Double.parseDouble(f[5]),
        parseNumber(f[6]),
        parseNumber(f[7]),
        f[8],
        f.length == 10 ? parseNumber(f[9]) : Double.NaN);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static double parseNumber(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }
}
