package io.taskbeam.internal.observe;

/** How one task call ended on its worker. */
public enum TaskOutcome {
  /** Returned normally (possibly after retries). */
  OK,
  /** Failed under the FAIL policy (or RETRY with every attempt used): the sync point fails. */
  FAILED,
  /** Failed under IGNORE: its result is null and its in-place arguments are unchanged. */
  IGNORED,
  /** Failed under CANCEL_SUCCESSORS: every task reading its results is cancelled. */
  CANCELLING,
  /** Did not run, because an input was never computed. */
  CANCELLED;

  /** Whether the task's own code failed. */
  public boolean failed() {
    return this == FAILED || this == IGNORED || this == CANCELLING;
  }
}
