package io.taskbeam.internal.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of one chunk: where it ran, when, the bytes it moved through the work directory, its
 * lookups in the worker's shared cache, and its task calls in order. A chunk the runner retried (a
 * Flink restart) has several runs.
 *
 * @param cacheHits shared values its tasks found in the worker's memory ({@code SharedCache})
 * @param cacheMisses shared values its tasks had to read from the store
 * @param complete false when the chunk stopped at a failing task
 * @param tasks its task calls in order, the first ones only when the run record capped detail
 * @param droppedTasks calls left out of {@code tasks} by that cap ({@code --taskDetailLimit})
 */
public record ChunkRun(
    int sync,
    int stage,
    int chunk,
    WorkerIdentity worker,
    long startMicros,
    long endMicros,
    long bytesRead,
    long bytesWritten,
    long cacheHits,
    long cacheMisses,
    boolean complete,
    List<TaskRun> tasks,
    int droppedTasks) {

  public ChunkRun {
    tasks = List.copyOf(tasks);
  }

  /** A run with all its task calls. */
  public ChunkRun(
      int sync,
      int stage,
      int chunk,
      WorkerIdentity worker,
      long startMicros,
      long endMicros,
      long bytesRead,
      long bytesWritten,
      long cacheHits,
      long cacheMisses,
      boolean complete,
      List<TaskRun> tasks) {
    this(
        sync,
        stage,
        chunk,
        worker,
        startMicros,
        endMicros,
        bytesRead,
        bytesWritten,
        cacheHits,
        cacheMisses,
        complete,
        tasks,
        0);
  }

  /** Task calls the chunk made, kept or not. */
  public int taskCount() {
    return tasks.size() + droppedTasks;
  }

  /** The same run keeping its first {@code n} task calls only. */
  public ChunkRun keepingTasks(int n) {
    if (n >= tasks.size()) {
      return this;
    }
    return copy(0, tasks.subList(0, n), droppedTasks + tasks.size() - n);
  }

  /** The same run with every time moved by {@code micros} (clock alignment). */
  public ChunkRun shifted(long micros) {
    List<TaskRun> moved = new ArrayList<>(tasks.size());
    for (TaskRun t : tasks) {
      moved.add(t.shifted(micros));
    }
    return copy(micros, moved, droppedTasks);
  }

  private ChunkRun copy(long shiftMicros, List<TaskRun> calls, int dropped) {
    return new ChunkRun(
        sync,
        stage,
        chunk,
        worker,
        startMicros + shiftMicros,
        endMicros + shiftMicros,
        bytesRead,
        bytesWritten,
        cacheHits,
        cacheMisses,
        complete,
        calls,
        dropped);
  }
}
