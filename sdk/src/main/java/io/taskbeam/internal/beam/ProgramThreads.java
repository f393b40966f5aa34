package io.taskbeam.internal.beam;

import java.util.function.Predicate;

/**
 * Whether a program still runs, for runners whose threads are not daemons: a program that returns
 * from {@code main} without closing its session would otherwise never exit (its JVM waits for the
 * runner's threads, and the shutdown hook that reports the unclosed session never runs). The
 * DirectRunner's idle workers ({@link LongLivedWorkerFn}) and embedded Flink's watch ask it.
 */
public final class ProgramThreads {
  private ProgramThreads() {}

  /**
   * Whether {@code group} (the program's: its main thread's, under {@code exec:java} the plugin's
   * group for the program, not Maven's) or a group under it holds a live non-daemon thread that is
   * neither the JVM's {@code DestroyJavaVM} nor one of the {@code runner}'s own.
   */
  public static boolean alive(ThreadGroup group, Predicate<Thread> runner) {
    Thread[] threads = new Thread[group.activeCount() + 32];
    int n = group.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t.isAlive() && !t.isDaemon() && !t.getName().equals("DestroyJavaVM") && !runner.test(t)) {
        return true;
      }
    }
    return false;
  }
}
