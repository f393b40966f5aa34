package io.taskbeam;

import java.util.List;

/**
 * What one sync point did: how many tasks and stages it ran, and where the time went. Nanosecond
 * fields; {@code submitNanos} is the time spent in {@code submit} and {@code put} building the
 * graph, {@code compileNanos} covers graph to plan, {@code runNanos} pipeline construction and the
 * run itself. {@code driverBytes} counts the program values the driver sent for this sync point,
 * inside the job or written to the work directory; results of earlier sync points that tasks read
 * from the work directory do not pass through the driver and are not counted.
 */
public record SyncReport(
    int sync,
    int tasks,
    int stages,
    int chunks,
    long submitNanos,
    long compileNanos,
    long runNanos,
    long driverBytes) {

  /**
   * The whole run as one report, for a program's closing summary: every count, time and byte of
   * {@code reports} summed, and {@code sync} the number of sync points (they are numbered from 1).
   */
  public static SyncReport total(List<SyncReport> reports) {
    SyncReport sum = new SyncReport(0, 0, 0, 0, 0, 0, 0, 0);
    for (SyncReport r : reports) {
      sum =
          new SyncReport(
              sum.sync + 1,
              sum.tasks + r.tasks,
              sum.stages + r.stages,
              sum.chunks + r.chunks,
              sum.submitNanos + r.submitNanos,
              sum.compileNanos + r.compileNanos,
              sum.runNanos + r.runNanos,
              sum.driverBytes + r.driverBytes);
    }
    return sum;
  }

  public double compileSeconds() {
    return compileNanos / 1e9;
  }

  public double runSeconds() {
    return runNanos / 1e9;
  }
}
