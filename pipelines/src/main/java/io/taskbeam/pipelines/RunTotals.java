package io.taskbeam.pipelines;

import io.taskbeam.SyncReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a whole program run did, summed over its sync points, printed the same way by every
 * application: tasks, stages, chunks, and where the time went.
 */
public record RunTotals(
    int syncs,
    int tasks,
    int stages,
    int chunks,
    long submitNanos,
    long compileNanos,
    long runNanos,
    long driverBytes) {

  public static RunTotals of(List<SyncReport> reports) {
    int tasks = 0;
    int stages = 0;
    int chunks = 0;
    long submit = 0;
    long compile = 0;
    long run = 0;
    long bytes = 0;
    for (SyncReport r : reports) {
      tasks += r.tasks();
      stages += r.stages();
      chunks += r.chunks();
      submit += r.submitNanos();
      compile += r.compileNanos();
      run += r.runNanos();
      bytes += r.driverBytes();
    }
    return new RunTotals(reports.size(), tasks, stages, chunks, submit, compile, run, bytes);
  }

  /** The {@code plan:} and {@code time:} lines; {@code totalNanos} is the whole run. */
  public void print(PrintStream out, long totalNanos) {
    out.printf(
        Locale.ROOT,
        "plan: %d tasks in %d stages, %d chunks, %d sync point%s%n",
        tasks,
        stages,
        chunks,
        syncs,
        syncs == 1 ? "" : "s");
    out.printf(
        Locale.ROOT,
        "time: graph build %.3f s, compile %.3f s, run %.3f s, " + "total %.3f s%n",
        submitNanos / 1e9,
        compileNanos / 1e9,
        runNanos / 1e9,
        totalNanos / 1e9);
  }
}
