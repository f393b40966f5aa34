package io.taskbeam;

/**
 * What one sync point did: how many tasks and stages it ran, and where the time went. Nanosecond
 * fields; {@code compileNanos} covers graph to plan, {@code runNanos} pipeline construction and
 * the run itself.
 */
public record SyncReport(int sync, int tasks, int stages, int chunks, long compileNanos,
    long runNanos) {

  public double compileSeconds() {
    return compileNanos / 1e9;
  }

  public double runSeconds() {
    return runNanos / 1e9;
  }
}
