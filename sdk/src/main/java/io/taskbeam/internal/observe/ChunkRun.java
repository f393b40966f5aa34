package io.taskbeam.internal.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of one chunk: where it ran, when, the bytes it moved through the work directory, and its
 * task calls in order. A chunk the runner retried (a Flink restart) has several runs.
 *
 * @param complete false when the chunk stopped at a failing task
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
    boolean complete,
    List<TaskRun> tasks) {

  public ChunkRun {
    tasks = List.copyOf(tasks);
  }

  /** The same run with every time moved by {@code micros} (clock alignment). */
  public ChunkRun shifted(long micros) {
    List<TaskRun> moved = new ArrayList<>(tasks.size());
    for (TaskRun t : tasks) {
      moved.add(t.shifted(micros));
    }
    return new ChunkRun(
        sync,
        stage,
        chunk,
        worker,
        startMicros + micros,
        endMicros + micros,
        bytesRead,
        bytesWritten,
        complete,
        moved);
  }
}
