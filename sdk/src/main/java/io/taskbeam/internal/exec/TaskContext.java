package io.taskbeam.internal.exec;

/**
 * What a running task may ask about itself: its name, and where the output of external programs it
 * runs is kept ({@code io.taskbeam.Binary}). Set by the chunk runner on the thread that calls the
 * task method.
 */
public final class TaskContext {
  private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

  private final String taskName;
  private final String captureDir;

  private TaskContext(String taskName, String captureDir) {
    this.taskName = taskName;
    this.captureDir = captureDir;
  }

  /** The context of the task running on this thread, or null outside a task. */
  public static TaskContext current() {
    return CURRENT.get();
  }

  static void set(TaskContext context) {
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
  }

  static TaskContext of(String taskName, String eventDir) {
    return new TaskContext(taskName, eventDir == null ? null : eventDir + "/binary");
  }

  /** {@code gunzip#4}. */
  public String taskName() {
    return taskName;
  }

  /** Where external programs' stdout and stderr go, or null when nothing is observed. */
  public String captureDir() {
    return captureDir;
  }
}
