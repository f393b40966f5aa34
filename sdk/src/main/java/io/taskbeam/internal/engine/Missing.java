package io.taskbeam.internal.engine;

import io.taskbeam.TaskCancelledException;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.graph.DataVersion;

/**
 * Every way a value can fail to exist, turned into the one exception the API documents for it, the
 * same on every runner: a value whose task did not run (a predecessor failed under {@code
 * CANCEL_SUCCESSORS} or {@code IGNORE}, its task group was cancelled, or its sync point failed)
 * gives a {@link TaskCancelledException} naming the task that failed or was cancelled; a future the
 * program deleted gives an {@link IllegalStateException} ({@link Handles#checkUsable}), since using
 * it is a mistake in the program, not an outcome of the run.
 */
final class Missing {
  private Missing() {}

  /**
   * Throws when {@code version} will never exist; {@code notMade} says so in the words of the
   * caller ({@code "argument b of task add was not computed"}), and the reason follows.
   */
  static void checkExists(DataStore store, DataVersion version, String notMade) {
    DataStore.Lost lost = store.lost(version.key());
    if (lost != null) {
      throw new TaskCancelledException(lost.task(), notMade + ": " + lost.reason());
    }
  }

  /**
   * The exception for a waited-on value ({@code waited}: {@code "the value waited on"}) a worker
   * replaced by the failure that prevented it.
   */
  static TaskCancelledException failed(String waited, FailedValue failed) {
    return new TaskCancelledException(
        failed.failedTask(), waited + " was not computed because " + failed.message());
  }
}
