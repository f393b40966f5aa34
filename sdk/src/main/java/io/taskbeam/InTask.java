package io.taskbeam;

import io.taskbeam.internal.exec.TaskContext;

/**
 * Session calls made from inside a running task are refused: a task body that submits, waits on or
 * puts data (a nested task) would wait for the session that is running it. The DirectRunner and
 * embedded Flink run the task on a thread of the program's JVM while the program's thread holds the
 * session at its sync point, so such a call hung for ever there (the read-only {@code
 * pendingTasks}, {@code reports} and {@code explain} too: they lock the session); on a cluster the
 * task runs where no session is. Refused on every runner alike, the task fails with this line.
 */
final class InTask {
  private InTask() {}

  /** {@code target}, after {@link #refuse}: for the session's read-only calls that lock it. */
  static <T> T check(T target) {
    refuse();
    return target;
  }

  static void refuse() {
    TaskContext task = TaskContext.current();
    if (task != null) {
      throw new IllegalStateException(
          "task "
              + task.taskName()
              + " called its taskbeam session: a task cannot submit, wait on, put or delete data"
              + " (tasks inside tasks are not supported); return what the next call needs and"
              + " submit that call from the program");
    }
  }
}
