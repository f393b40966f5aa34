package io.taskbeam.internal.checkpoint;

import java.time.Duration;
import java.util.Locale;

/**
 * When a run journals its finished tasks ({@code --checkpoint}): {@code off}; {@code sync}, at the
 * end of every job; {@code tasks:N}, jobs of at most N tasks started while the program submits, so
 * that a checkpoint comes at least every N tasks; {@code time:DURATION}, pending tasks started at
 * least every DURATION for the same reason. The last two start tasks in the background (as {@code
 * --pipelined}): a task's result can be journaled only once its job ended.
 *
 * @param kind which policy
 * @param everyTasks for {@code tasks:N}, N; otherwise 0
 * @param every for {@code time:DURATION}, the duration; otherwise null
 */
public record CheckpointPolicy(Kind kind, int everyTasks, Duration every) {
  /** The policies. */
  public enum Kind {
    OFF,
    SYNC,
    TASKS,
    TIME
  }

  public static final CheckpointPolicy OFF = new CheckpointPolicy(Kind.OFF, 0, null);
  public static final CheckpointPolicy SYNC = new CheckpointPolicy(Kind.SYNC, 0, null);

  /**
   * Parses {@code --checkpoint}.
   *
   * @throws IllegalArgumentException one line naming the value and the accepted forms
   */
  public static CheckpointPolicy parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("off")) {
      return OFF;
    }
    if (t.equals("sync")) {
      return SYNC;
    }
    try {
      if (t.startsWith("tasks:")) {
        int n = Integer.parseInt(t.substring("tasks:".length()));
        if (n >= 1) {
          return new CheckpointPolicy(Kind.TASKS, n, null);
        }
      } else if (t.startsWith("time:")) {
        Duration d = duration(t.substring("time:".length()));
        if (!d.isNegative() && !d.isZero()) {
          return new CheckpointPolicy(Kind.TIME, 0, d);
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the one line below
    }
    throw new IllegalArgumentException(
        "--checkpoint="
            + text
            + " is not a checkpoint policy: give off, sync, tasks:N (N >= 1)"
            + " or time:DURATION (e.g. time:30s, time:5m, time:1h)");
  }

  /** Whether tasks must start before a sync point for this policy to be kept. */
  public boolean startsTasksEarly() {
    return kind == Kind.TASKS || kind == Kind.TIME;
  }

  private static Duration duration(String s) {
    if (s.length() < 2) {
      throw new NumberFormatException(s);
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new NumberFormatException(s);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case OFF -> "off";
      case SYNC -> "sync";
      case TASKS -> "tasks:" + everyTasks;
      case TIME -> "time:" + every.toSeconds() + "s";
    };
  }
}
