package io.taskbeam.internal.observe;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Live progress of the sync point in flight, on stderr: a line redrawn in place on a terminal (from
 * one second into the sync point on), or a plain line every {@code interval} seconds when stderr is
 * not a terminal (logs, CI). Tasks done count from the chunks' status files, so progress moves as
 * often as workers rewrite them (see {@link ChunkRecorder}).
 *
 * <pre>
 * matmul sync 1: 40/64 tasks (62%), stage 3/4 multiplyAccumulate@2, elapsed 1.9 s, ETA 1.1 s
 * </pre>
 */
public final class Progress {
  /** How progress is shown. */
  public enum Mode {
    TTY,
    PLAIN,
    OFF;

    /** From {@code --progress}: auto, tty, plain or off. */
    public static Mode of(String option, boolean terminal) {
      switch (option.toLowerCase(Locale.ROOT)) {
        case "auto":
          return terminal ? TTY : PLAIN;
        case "tty":
          return TTY;
        case "plain":
          return PLAIN;
        case "off":
          return OFF;
        default:
          throw new IllegalArgumentException(
              "--progress must be auto, tty, plain or off; got '" + option + "'");
      }
    }
  }

  private static final long TTY_DELAY_NANOS = 1_000_000_000L;
  private final Mode mode;
  private final long intervalNanos;
  private final PrintStream err;
  private long lastPrinted;
  private boolean drawn;

  public Progress(Mode mode, int intervalSeconds, PrintStream err) {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException(
          "--progressInterval must be at least 1 second; got " + intervalSeconds);
    }
    this.mode = mode;
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
    this.err = err;
  }

  /** Called by the poller; prints when the mode's schedule says so. */
  public synchronized void update(
      String app, SyncInfo sync, List<EventFiles.Status> statuses, long elapsedNanos) {
    if (mode == Mode.OFF) {
      return;
    }
    if (mode == Mode.TTY) {
      if (elapsedNanos >= TTY_DELAY_NANOS) {
        err.print("\r" + line(app, sync, statuses, elapsedNanos, false) + "\u001b[K");
        err.flush();
        drawn = true;
      }
    } else if (elapsedNanos - lastPrinted >= intervalNanos) {
      lastPrinted = elapsedNanos;
      err.println(line(app, sync, statuses, elapsedNanos, false));
    }
  }

  /**
   * Ends the sync point's progress: the redrawn line becomes a final one, which says "done" only
   * when the job ended well ({@code sync.error()} null), else "failed".
   */
  public synchronized void done(
      String app, SyncInfo sync, List<EventFiles.Status> statuses, long elapsedNanos) {
    if (mode == Mode.TTY && drawn) {
      err.println("\r" + line(app, sync, statuses, elapsedNanos, true) + "\u001b[K");
    } else if (mode == Mode.PLAIN && lastPrinted > 0) {
      err.println(line(app, sync, statuses, elapsedNanos, true));
    }
    drawn = false;
    lastPrinted = 0;
  }

  /**
   * The progress line; the current stage is the first one with tasks still to run. Every task
   * having run is not the end: the job must still store and hand back its results (and a lost
   * JobManager never does), so only the final line ({@code ended}) says "done", and only if the
   * sync point succeeded.
   */
  static String line(
      String app,
      SyncInfo sync,
      List<EventFiles.Status> statuses,
      long elapsedNanos,
      boolean ended) {
    int total = sync.tasks();
    int[] donePerStage = new int[sync.stages().size()];
    int done = 0;
    for (EventFiles.Status s : statuses) {
      if (s.stage() < donePerStage.length) {
        donePerStage[s.stage()] += s.done();
        done += s.done();
      }
    }
    done = Math.min(done, total);
    StageInfo current = null;
    for (StageInfo stage : sync.stages()) {
      if (donePerStage[stage.index()] < stage.tasks()) {
        current = stage;
        break;
      }
    }
    double elapsed = elapsedNanos / 1e9;
    StringBuilder line = new StringBuilder();
    line.append(
        String.format(
            Locale.ROOT,
            "%s sync %d: %d/%d tasks (%d%%)",
            app,
            sync.sync(),
            done,
            total,
            total == 0 ? 100 : done * 100 / total));
    if (current != null) {
      line.append(
          String.format(
              Locale.ROOT,
              ", stage %d/%d %s",
              current.index() + 1,
              sync.stages().size(),
              current.name()));
    }
    line.append(String.format(Locale.ROOT, ", elapsed %.1f s", elapsed));
    if (ended) {
      line.append(sync.error() == null ? ", done" : ", failed");
    } else if (done > 0 && done < total) {
      line.append(String.format(Locale.ROOT, ", ETA %.1f s", elapsed / done * (total - done)));
    } else if (done == total) {
      line.append(", waiting for the job to end");
    }
    return line.toString();
  }
}
