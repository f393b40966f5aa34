package io.taskbeam.k8s.pod;

/** A problem the launcher reports as one line (and exit code 1) instead of starting the pod. */
final class PodException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PodException(String message) {
    super(message);
  }

  PodException(String message, Throwable cause) {
    super(message, cause);
  }
}
