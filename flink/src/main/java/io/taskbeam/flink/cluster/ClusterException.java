package io.taskbeam.flink.cluster;

/**
 * A failure the user can act on: the message is one line that says what went wrong and, where
 * possible, what to do or which log file to read. The CLI prints it as is.
 */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
