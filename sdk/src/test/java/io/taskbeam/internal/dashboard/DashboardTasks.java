package io.taskbeam.internal.dashboard;

import io.taskbeam.Task;

/** Tasks the dashboard's browser test runs: slow enough to watch, and one that fails. */
public final class DashboardTasks {
  static final String MESSAGE = "the dashboard shows this message in full: 42 <not html>";

  private DashboardTasks() {}

  @Task
  public static int nap(int i) throws InterruptedException {
    Thread.sleep(300);
    return i;
  }

  @Task
  public static int add(int a, int b) {
    return a + b;
  }

  @Task
  public static int failOnThree(int i) {
    if (i == 3) {
      throw new IllegalStateException(MESSAGE);
    }
    return i;
  }
}
