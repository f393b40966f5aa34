package io.taskbeam.pipelines.observe;

import io.taskbeam.Task;

/** A task slow enough for the dashboard's cluster test to watch it run. */
public final class DashboardTasks {
  private DashboardTasks() {}

  @Task
  public static int nap(int i) throws InterruptedException {
    Thread.sleep(250);
    return i;
  }
}
