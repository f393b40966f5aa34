package io.taskbeam.internal.direct;

import io.taskbeam.Task;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tasks for {@link LongLivedJobTest} that say where they ran: on which thread, and whether inside
 * the long-lived job's worker loop. The DirectRunner runs them in the test's JVM.
 */
public final class WorkerProbe {
  static volatile CyclicBarrier meeting = new CyclicBarrier(2);

  private WorkerProbe() {}

  /** The id of the thread the task ran on. */
  @Task
  public static long threadId(int round) {
    return Thread.currentThread().getId();
  }

  /** Whether the task ran inside a long-lived job's worker. */
  @Task
  public static boolean inLongLivedWorker(int round) {
    for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
      if (frame.getClassName().equals("io.taskbeam.internal.beam.LongLivedWorkerFn")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns {@code x} once another task met it at the barrier: two of them end only when they run
   * at the same time.
   */
  @Task
  public static int meet(int x)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    meeting.await(30, TimeUnit.SECONDS);
    return x;
  }
}
