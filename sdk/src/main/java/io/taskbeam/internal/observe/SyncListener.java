package io.taskbeam.internal.observe;

import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/**
 * Follows a session: told of every submitted task, of each sync point before and after it runs, and
 * of the end. It only watches: it returns nothing that changes what runs, and a session without one
 * ({@link #NONE}) runs the same program the same way.
 */
public interface SyncListener {
  /** Follows nothing ({@code --observe=false}). */
  SyncListener NONE = new SyncListener() {};

  default void submitted(TaskNode task) {}

  /**
   * A sync point (a job) compiled to {@code plan} and about to run; {@code keep} are stored for
   * later. With {@code --pipelined}, several may be running at once.
   */
  default void syncStarting(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {}

  /** Sync point {@code sync} ended, with {@code error} if it failed. */
  default void syncEnded(int sync, RuntimeException error) {}

  /**
   * Under {@code --explain}: the sync point compiled to {@code plan} and will not run. Returns the
   * directory where the listener left the graph and plan, or null.
   */
  default Path explained(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    return null;
  }

  /** A result check of the program, e.g. against a sequential reference. */
  default void check(String what, boolean passed) {}

  /** The run directory, or null. */
  default Path runDirectory() {
    return null;
  }

  /** The JVM is exiting during a sync point (SIGINT, SIGTERM); {@code what} says what was done. */
  default void interrupted(String what) {}

  /** The session ended, with {@code failure} if it failed. */
  default void close(Throwable failure) {}
}
