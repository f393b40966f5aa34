package io.taskbeam.internal.dashboard;

/**
 * A chunk's state while it runs, as its worker last wrote it: tasks ended so far ({@code done}
 * counts the failed ones too) and the task running now (null between tasks).
 */
public record ChunkProgress(
    int stage,
    int chunk,
    String function,
    int done,
    int failed,
    String running,
    long runningSinceMicros) {}
