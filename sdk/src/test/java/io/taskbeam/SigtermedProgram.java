package io.taskbeam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program {@link ProgramEndsTest} stops with SIGTERM on the DirectRunner: one task that writes
 * {@code args[0]} when it starts, then sleeps far longer than the test waits, and a sync point on
 * it.
 */
public final class SigtermedProgram { // public: its task is called through a method reference
  private SigtermedProgram() {}

  @Task
  public static int sleepy(String marker) {
    try {
      Files.writeString(Path.of(marker), "running");
      Thread.sleep(600_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }

  public static void main(String[] args) {
    TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--workDir=" + args[1],
            "--runsDir=" + args[2],
            "--metricsPort=0",
            "--progress=off");
    System.out.println("result " + tb.waitOn(tb.submit(SigtermedProgram::sleepy, args[0])));
  }
}
