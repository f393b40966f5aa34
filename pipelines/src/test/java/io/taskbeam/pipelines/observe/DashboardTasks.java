package io.taskbeam.pipelines.observe;

import io.taskbeam.Task;

/** Tasks slow enough for the dashboard's cluster test to watch them run, and one that fails. */
public final class DashboardTasks {
  /** What {@link #failOnThree} throws: long, with markup, so the page must show it whole. */
  static final String MESSAGE =
      "the live page on the cluster shows this message in full, past the first line's end:"
          + " value 3 <is not html> & is refused by failOnThree, which only says so here at the"
          + " very end of a long message";

  private DashboardTasks() {}

  @Task
  public static int failOnThree(int i) {
    if (i == 3) {
      throw new IllegalStateException(MESSAGE);
    }
    return i;
  }

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
