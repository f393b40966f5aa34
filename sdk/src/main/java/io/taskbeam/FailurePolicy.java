package io.taskbeam;

/** What happens when a task throws or exceeds its timeout; set with {@link Task#onFailure()}. */
public enum FailurePolicy {
  /** The run fails; the sync point throws {@link TaskFailedException} naming the task. */
  FAIL,
  /**
   * Run the task again, up to {@link Task#retries()} more times, from the same inputs (in-place
   * parameters are restored before each attempt); fail the run if every attempt fails.
   */
  RETRY,
  /**
   * Go on as if the task had run: its return value becomes {@code null} and its INOUT and
   * COMMUTATIVE parameters keep the values they had before the task.
   */
  IGNORE,
  /**
   * Do not fail the run, but cancel every task that depends on this one; waiting on any of
   * their results throws {@link TaskCancelledException} naming the failed task.
   */
  CANCEL_SUCCESSORS
}
