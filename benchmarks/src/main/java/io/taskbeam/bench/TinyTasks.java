package io.taskbeam.bench;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;

/** The tiny-task workload: n independent tasks that each add one to their argument. */
public final class TinyTasks {
  private TinyTasks() {}

  @Task
  static int next(int i) {
    return i + 1;
  }

  /** Submits {@code n} tasks, waits on all of them and checks every result. */
  public static void run(TaskBeam tb, int n) {
    List<TaskFuture<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(tb.submit(TinyTasks::next, i));
    }
    List<Integer> results = tb.waitOn(futures);
    for (int i = 0; i < n; i++) {
      if (results.get(i) != i + 1) {
        throw new IllegalStateException(
            "tiny task " + i + " returned " + results.get(i) + " instead of " + (i + 1));
      }
    }
  }
}
