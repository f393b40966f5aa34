package io.taskbeam;

/**
 * The value will never exist because the task that computes it did not run, on every runner and
 * whichever way: a task it depends on failed under {@link FailurePolicy#CANCEL_SUCCESSORS} or
 * {@link FailurePolicy#IGNORE}, its task group was cancelled ({@code cancel(group)}), or the sync
 * point (job) that was to compute it failed. {@link #taskName()} names the task that failed or was
 * cancelled ({@code function#number}; null only when a job failed without a task failing, e.g. its
 * workers were lost). Thrown by {@code waitOn}, {@code waitOnFile}, and by {@code submit} given a
 * future of such a value. The task's own failure is a {@link TaskFailedException}, thrown once at
 * the sync point that ran it; a future used after {@code delete} is an {@link
 * IllegalStateException}, a mistake in the program rather than an outcome of the run.
 */
public class TaskCancelledException extends TaskFailedException {
  private static final long serialVersionUID = 1L;

  public TaskCancelledException(String failedTask, String message) {
    super(failedTask, message, null);
  }
}
