package io.taskbeam.pipelines;

import io.taskbeam.TaskFailedException;

/**
 * A task found the input bad (a malformed record, a matrix that is not positive definite); its
 * message is the one line the user sees, naming the file, line or block.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  /**
   * The task's own message when {@code e} was caused by bad input, else {@code e} itself. Looks at
   * the cause chain, and at the message for runners that deliver only the text.
   */
  public static RuntimeException reported(TaskFailedException e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof BadInputException bad) {
        return new IllegalArgumentException(bad.getMessage(), e);
      }
    }
    String marker = BadInputException.class.getName() + ": ";
    String message = e.getMessage() == null ? "" : e.getMessage();
    int at = message.indexOf(marker);
    return at < 0 ? e : new IllegalArgumentException(message.substring(at + marker.length()), e);
  }
}
