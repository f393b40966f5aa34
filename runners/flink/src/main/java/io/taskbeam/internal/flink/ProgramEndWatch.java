package io.taskbeam.internal.flink;

import io.taskbeam.internal.beam.ProgramThreads;

/**
 * Ends an embedded Flink cluster once the program that started it has ended without closing its
 * session. The mini cluster's threads are not daemons, so a program that returns from {@code main}
 * without {@code close()} would otherwise never exit: its JVM waits for them, and the shutdown hook
 * that reports the unclosed session never runs. A daemon thread looks every {@link #POLL_MILLIS} ms
 * for a live non-daemon thread in the program's thread group (the group of the thread that started
 * the session; under {@code exec:java}, the plugin's group for the program) outside Flink's own
 * group; after two looks in a row that find none, it stops the cluster, and the JVM exits as the
 * DirectRunner's does.
 */
final class ProgramEndWatch {
  static final long POLL_MILLIS = 250;

  private ProgramEndWatch() {}

  /**
   * Watches {@code program} for its end, then runs {@code stop} (Flink runs in {@code flink});
   * interrupt the returned thread when the session closes first.
   */
  static Thread start(ThreadGroup program, ThreadGroup flink, Runnable stop) {
    Thread watch =
        new Thread(
            () -> {
              int quiet = 0;
              while (quiet < 2) {
                try {
                  Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                quiet = programRuns(program, flink) ? 0 : quiet + 1;
              }
              stop.run();
            },
            "taskbeam-embedded-flink-watch");
    watch.setDaemon(true);
    watch.start();
    return watch;
  }

  /** Whether a thread of the program, not of Flink, still keeps the JVM alive. */
  static boolean programRuns(ThreadGroup program, ThreadGroup flink) {
    return ProgramThreads.alive(program, t -> within(t.getThreadGroup(), flink));
  }

  private static boolean within(ThreadGroup group, ThreadGroup ancestor) {
    for (ThreadGroup g = group; g != null; g = g.getParent()) {
      if (g == ancestor) {
        return true;
      }
    }
    return false;
  }
}
