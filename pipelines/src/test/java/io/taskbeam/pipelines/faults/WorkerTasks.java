package io.taskbeam.pipelines.faults;

import io.taskbeam.Task;

/** Tasks of {@link WorkersJoinLeaveIT}: each says which JVM (TaskManager) ran it. */
final class WorkerTasks {
  private WorkerTasks() {}

  /**
   * {@code i * i} and the pid of the JVM that ran the task, as {@code "square@pid"}, after about
   * {@code millis} ms of work.
   */
  @Task
  static String square(int i, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return (long) i * i + "@" + ProcessHandle.current().pid();
  }
}
