package io.taskbeam;

/**
 * The waited-on value was never computed: a task it depends on failed under {@link
 * FailurePolicy#CANCEL_SUCCESSORS}. {@link #taskName()} names that failed task.
 */
public class TaskCancelledException extends TaskFailedException {
  private static final long serialVersionUID = 1L;

  public TaskCancelledException(String failedTask, String message) {
    super(failedTask, message, null);
  }
}
