package io.taskbeam.flink.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many restarts the {@link ClusterSupervisor} may still make: at most {@code max} within any
 * {@code window} (a sliding window over the times of the restarts made), so a process that dies at
 * once on every start is not restarted forever, while one that dies now and then always is. Times
 * are {@link System#nanoTime()} values, passed in so tests need no clock.
 */
final class RestartBudget {
  private final int max;
  private final Duration window;
  private final Deque<Long> restarts = new ArrayDeque<>();

  /**
   * @param max restarts allowed within {@code window}, at least 1
   * @param window the span they are counted over, positive
   */
  RestartBudget(int max, Duration window) {
    if (max < 1) {
      throw new IllegalArgumentException("--max-restarts must be at least 1, got " + max);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the restart window must be positive, got " + window);
    }
    this.max = max;
    this.window = window;
  }

  /** Takes one restart at {@code nowNanos} if the budget allows it; false when it is spent. */
  boolean tryRestart(long nowNanos) {
    while (!restarts.isEmpty() && nowNanos - restarts.peekFirst() >= window.toNanos()) {
      restarts.removeFirst();
    }
    if (restarts.size() >= max) {
      return false;
    }
    restarts.addLast(nowNanos);
    return true;
  }

  /** Restarts made within the window ending at the last {@link #tryRestart}. */
  int used() {
    return restarts.size();
  }

  int max() {
    return max;
  }

  Duration window() {
    return window;
  }
}
