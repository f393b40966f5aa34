package io.taskbeam;

/** What happens when a task throws or exceeds its timeout; set with {@link Task#onFailure()}. */
public enum FailurePolicy {
  /** The run fails; the sync point throws {@link TaskFailedException} naming the task. */
  FAIL,
  /**
   * Run the task again, up to {@link Task#retries()} more times, from the same inputs (in-place
   * parameters, FILE_INOUT and FILE_OUT files included, are restored before each attempt: a file
   * that did not exist is removed); fail the run if every attempt fails.
   */
  RETRY,
  /**
   * Go on as if the task had run: its return value becomes {@code null} and its INOUT, COMMUTATIVE
   * and FILE_INOUT parameters keep the values they had before the task. A primitive result ({@code
   * int}, {@code double}...) has no {@code null}: waiting on it, or on any task that reads it,
   * throws {@link TaskCancelledException} naming the ignored task. Declare the result boxed ({@code
   * Integer}) to get {@code null} instead.
   */
  IGNORE,
  /**
   * Do not fail the run, but cancel every task that depends on this one; waiting on any of their
   * results throws {@link TaskCancelledException} naming the failed task.
   */
  CANCEL_SUCCESSORS
}
