package io.taskbeam;

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
 * A program on the DirectRunner ends when its {@code main} returns, even with its session never
 * closed, and ends in one line when SIGTERM comes while a job runs.
 */
class ProgramEndsTest {
  @TempDir Path dir;

  @Test
  void aProgramThatNeverClosesItsSessionEndsWhenMainReturns() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process child =
        child(
            NeverClosedProgram.class,
            dir.resolve("work").toString(),
            dir.resolve("runs").toString());
    try {
      boolean ended = child.waitFor(90, TimeUnit.SECONDS);
      assertThat(
          "the child JVM ended by itself; stderr: " + Files.readString(err), ended, is(true));
      assertThat(child.exitValue(), is(0));
      assertThat(Files.readString(out), containsString("result 3"));
      // the shutdown hook still says what was lost
      assertThat(
          Files.readString(err),
          containsString("1 task(s) were submitted but never " + "synced (first: add#2)"));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void sigtermWhileAJobRunsEndsTheProgramInOneLine() throws Exception {
    Path marker = dir.resolve("task-running");
    Path err = dir.resolve("err.txt");
    Process child =
        child(
            SigtermedProgram.class,
            marker.toString(),
            dir.resolve("work").toString(),
            dir.resolve("runs").toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat("the task started; stderr: " + Files.readString(err), Files.exists(marker));
      child.destroy(); // SIGTERM
      boolean ended = child.waitFor(60, TimeUnit.SECONDS);
      assertThat("the JVM ended after SIGTERM; stderr: " + Files.readString(err), ended, is(true));
      String stderr = Files.readString(err);
      assertThat(stderr, containsString("taskbeam: interrupted during sync point 1"));
      assertThat(stderr, not(containsString("Exception in thread")));
    } finally {
      child.destroyForcibly();
    }
  }

  /** Starts {@code main} in a JVM of its own, its output in {@code out.txt} and {@code err.txt}. */
  private Process child(Class<?> main, String... args) throws java.io.IOException {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }
}
