package io.taskbeam;

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

  public double compileSeconds() {
    return compileNanos / 1e9;
  }

  public double runSeconds() {
    return runNanos / 1e9;
  }
}
