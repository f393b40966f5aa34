package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program on embedded Flink stopped with SIGTERM (Ctrl-C, {@code kill}, a batch system's end)
 * while a job runs ends within seconds, in one line that names the cancelled job and no stack
 * trace. (Its program thread, back from the cancelled job, once journaled it after the exit hook
 * had closed the journal, and a mini cluster's close in the exit hook once waited forever.)
 */
class EmbeddedSigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermWhileAJobRunsEndsTheProgram() throws Exception {
    Path marker = dir.resolve("task-running");
    Process child =
        ChildPrograms.start(
            dir,
            SigtermProgram.class,
            marker.toString(),
            dir.resolve("work").toString(),
            dir.resolve("runs").toString());
    Path err = dir.resolve("err.txt");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat("the task started; stderr: " + Files.readString(err), Files.exists(marker));
      child.destroy(); // SIGTERM
      boolean ended = child.waitFor(60, TimeUnit.SECONDS);
      assertThat("the JVM ended after SIGTERM; stderr: " + Files.readString(err), ended, is(true));
      String stderr = Files.readString(err);
      assertThat(stderr, containsString("taskbeam: interrupted during sync point 1: cancelled"));
      // the program's thread parks while the JVM exits: no stack trace of a closed journal
      assertThat(stderr, not(containsString("Exception in thread")));
    } finally {
      child.destroyForcibly();
    }
  }
}
