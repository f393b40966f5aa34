package io.taskbeam.pipelines.observe;

import io.taskbeam.Task;

/** Tasks slow enough for the dashboard's cluster test to watch them run. */
public final class DashboardTasks {
  private DashboardTasks() {}

  @Task
  public static int nap(int i) throws InterruptedException {
    Thread.sleep(250);
    return i;
  }

  /**
   * {@link #nap}, reading a value every task of the sync point shares: too large to travel inside
   * the job, it is stored once and loaded by each TaskManager's shared cache.
   */
  @Task
  public static int napReading(int i, int[] shared) throws InterruptedException {
    Thread.sleep(250);
    return i + shared[i];
  }
}
