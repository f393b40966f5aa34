package io.taskbeam.pipelines;

import io.taskbeam.SyncReport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The closing lines every application prints about its run, from the run's {@link
 * SyncReport#total}: tasks, stages, chunks and sync points, and where the time went.
 */
public final class RunSummary {
  private RunSummary() {}

  /** The {@code plan:} and {@code time:} lines; {@code totalNanos} is the whole run. */
  public static void print(PrintStream out, SyncReport total, long totalNanos) {
    out.printf(
        Locale.ROOT,
        "plan: %d tasks in %d stages, %d chunks, %d sync point%s%n",
        total.tasks(),
        total.stages(),
        total.chunks(),
        total.sync(),
        total.sync() == 1 ? "" : "s");
    out.printf(
        Locale.ROOT,
        "time: graph build %.3f s, compile %.3f s, run %.3f s, total %.3f s%n",
        total.submitNanos() / 1e9,
        total.compileSeconds(),
        total.runSeconds(),
        totalNanos / 1e9);
  }
}
