package io.taskbeam.bench;

import io.taskbeam.TaskBeam;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The first-sync workload's body, in a JVM of its own (started by {@link ConfigRunner}): starts a
 * session with the runner options it is given, runs one trivial task to its value and prints {@code
 * FIRST_SYNC,<seconds>}, the time from the JVM's start to the value back in the program (JVM boot,
 * class loading, runner start-up and the sync point itself). The value is checked.
 */
public final class FirstSync {
  public static final String PREFIX = "FIRST_SYNC,";

  private FirstSync() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    double seconds;
    try (TaskBeam tb = TaskBeam.start(args)) {
      SyncPoints.once(tb, 41);
      seconds = (System.currentTimeMillis() - jvmStart) / 1e3;
    }
    System.out.println(PREFIX + String.format(Locale.ROOT, "%.4f", seconds));
    System.exit(0); // Flink and Beam may leave non-daemon threads
  }
}
