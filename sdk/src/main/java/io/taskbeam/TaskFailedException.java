package io.taskbeam;

/**
 * A task failed and its failure policy did not absorb it. The message names the task (function and
 * task number) and the cause; {@link #taskName()} gives the task alone.
 */
public class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String taskName;

  public TaskFailedException(String taskName, String message, Throwable cause) {
    super(message, cause);
    this.taskName = taskName;
  }

  /** The task as {@code function#number}, for example {@code multiplyRows#3}. */
  public String taskName() {
    return taskName;
  }
}
