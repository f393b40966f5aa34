package io.taskbeam.internal.data;

import java.io.Serializable;

/**
 * Stands for a value that was never computed because {@code failedTask} failed under
 * CANCEL_SUCCESSORS; it flows to successors in place of their inputs and cancels them too. In place
 * of a file's version it keeps the file's path ({@code file}, else null): a FILE_OUT call reads
 * nothing of the file, so it writes it afresh instead of being cancelled.
 */
public record FailedValue(String failedTask, String message, String file) implements Serializable {
  public FailedValue(String failedTask, String message) {
    this(failedTask, message, null);
  }

  /** This failure, standing for a version of the file {@code path}. */
  public FailedValue ofFile(String path) {
    return new FailedValue(failedTask, message, path);
  }
}
