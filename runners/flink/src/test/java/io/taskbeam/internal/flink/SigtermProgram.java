package io.taskbeam.internal.flink;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program {@link EmbeddedSigtermTest} stops with SIGTERM: on embedded Flink, one task that writes
 * {@code args[0]} when it starts, then sleeps far longer than the test waits, and a sync point on
 * it.
 */
public final class SigtermProgram { // public: its task is called through a method reference
  private SigtermProgram() {}

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
    TaskBeam tb = ChildPrograms.embeddedSession(1, args[1], args[2]);
    System.out.println("result " + tb.waitOn(tb.submit(SigtermProgram::sleepy, args[0])));
  }
}
