package io.taskbeam.internal.observe;

import io.taskbeam.internal.data.IoCounter;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records one chunk's task calls on its worker and leaves them in the work directory (see {@link
 * EventFiles}). Costs two clock reads per task. The status file is rewritten when a task starts, at
 * most every {@link #STATUS_EVERY_MICROS}: every long task shows up as running, and 100,000 tiny
 * tasks do not mean 100,000 file writes. Observation never fails a chunk: a file that cannot be
 * written is skipped, and the driver reports the chunk's events as missing.
 */
public final class ChunkRecorder {
  static final long STATUS_EVERY_MICROS = 200_000;
  private static final ChunkRecorder OFF = new ChunkRecorder(null, 0, 0, 0, null);

  private final Path dir;
  private final int sync;
  private final int stage;
  private final int chunk;
  private final String function;
  private final List<TaskRun> tasks = new ArrayList<>();
  private WorkerIdentity worker;
  private long startMicros;
  private long[] ioAtStart;
  private long lastStatusMicros;
  private int failed;
  private int retried;
  private String running;
  private long runningSince;

  private ChunkRecorder(Path dir, int sync, int stage, int chunk, String function) {
    this.dir = dir;
    this.sync = sync;
    this.stage = stage;
    this.chunk = chunk;
    this.function = function;
  }

  /** A recorder for {@code chunk}, named after its first call's function; as below. */
  public static ChunkRecorder start(String syncDir, ChunkSpec chunk) {
    return start(
        syncDir, chunk.stage(), chunk.index(), chunk.calls().get(0).function().shortName());
  }

  /**
   * A recorder for chunk {@code chunk} of stage {@code stage}, writing to {@code syncDir} (an
   * {@link EventFiles#syncDir}); a recorder that records nothing when {@code syncDir} is null
   * (observation off).
   */
  public static ChunkRecorder start(String syncDir, int stage, int chunk, String function) {
    if (syncDir == null) {
      return OFF;
    }
    Path dir = Path.of(syncDir);
    ChunkRecorder r = new ChunkRecorder(dir, EventFiles.syncOf(dir), stage, chunk, function);
    EventClock.reanchor();
    r.worker = WorkerIdentity.current();
    r.ioAtStart = IoCounter.snapshot();
    r.startMicros = EventClock.nowMicros();
    r.lastStatusMicros = r.startMicros - STATUS_EVERY_MICROS;
    return r;
  }

  /** Marks the start of a call; returns its start time for {@link #taskEnded}. */
  public long taskStarted(String task) {
    if (dir == null) {
      return 0;
    }
    running = task;
    runningSince = EventClock.nowMicros();
    if (runningSince - lastStatusMicros >= STATUS_EVERY_MICROS) {
      writeStatus(runningSince);
    }
    return runningSince;
  }

  public void taskEnded(String task, long startMicros, TaskOutcome outcome, int attempts) {
    if (dir == null) {
      return;
    }
    long end = EventClock.nowMicros();
    tasks.add(new TaskRun(task, function, startMicros, end, outcome, attempts));
    failed += outcome.failed() ? 1 : 0;
    retried += Math.max(0, attempts - 1);
    running = null;
  }

  /** Writes the chunk's events; {@code complete} is false when a task failed the chunk. */
  public void finish(boolean complete) {
    if (dir == null) {
      return;
    }
    running = null;
    long end = EventClock.nowMicros();
    long[] io = IoCounter.snapshot();
    ChunkRun run =
        new ChunkRun(
            sync,
            stage,
            chunk,
            worker,
            startMicros,
            end,
            io[IoCounter.READ] - ioAtStart[IoCounter.READ],
            io[IoCounter.WRITTEN] - ioAtStart[IoCounter.WRITTEN],
            io[IoCounter.CACHE_HITS] - ioAtStart[IoCounter.CACHE_HITS],
            io[IoCounter.CACHE_MISSES] - ioAtStart[IoCounter.CACHE_MISSES],
            complete,
            tasks);
    try {
      EventFiles.writeRun(dir, run);
    } catch (UncheckedIOException skipped) {
      // the driver reports the chunk's events as missing
    }
    writeStatus(end);
  }

  private void writeStatus(long now) {
    lastStatusMicros = now;
    try {
      EventFiles.writeStatus(
          dir,
          new EventFiles.Status(
              stage, chunk, function, tasks.size(), failed, retried, running, runningSince));
    } catch (UncheckedIOException skipped) {
      // live progress only
    }
  }
}
