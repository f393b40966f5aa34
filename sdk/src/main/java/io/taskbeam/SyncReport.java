package io.taskbeam;

/**
 * What one sync point did: how many tasks and stages it ran, and where the time went. Nanosecond
 * fields; {@code submitNanos} is the time spent in {@code submit} and {@code put} building the
 * graph, {@code compileNanos} covers graph to plan, {@code runNanos} pipeline construction and
 * the run itself.
 */
public record SyncReport(int sync, int tasks, int stages, int chunks, long submitNanos,
    long compileNanos, long runNanos) {

  public double compileSeconds() {
    return compileNanos / 1e9;
  }

  public double runSeconds() {
    return runNanos / 1e9;
  }
}
