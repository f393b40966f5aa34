package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a program ends, on the runner a subclass names ({@link #sessionOptions}), each program in a
 * JVM of its own: one whose {@code main} returns with its session never closed ends by itself,
 * saying what it never synced; one stopped with SIGTERM (Ctrl-C, {@code kill}, a batch system's
 * end) while a job runs ends within seconds in one line, with no stack trace.
 */
public abstract class ProgramEnds {
  @TempDir Path dir;

  protected ProgramEnds() {}

  /** The options that pick the runner (the work and run directories are added). */
  protected abstract List<String> sessionOptions();

  /** The line SIGTERM during the first sync point prints (or its start). */
  protected String interruptedLine() {
    return "taskbeam: interrupted during sync point 1";
  }

  /** How long the task of the SIGTERM test may take to start (a cold runner in a fresh JVM). */
  protected int startSeconds() {
    return 90;
  }

  @Test
  void aProgramThatNeverClosesItsSessionEndsWhenMainReturns() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process child = child(NeverClosedProgram.class);
    try {
      boolean ended = child.waitFor(90, TimeUnit.SECONDS);
      assertThat(
          "the child JVM ended by itself; stderr: " + Files.readString(err), ended, is(true));
      assertThat("exit code; stderr: " + Files.readString(err), child.exitValue(), is(0));
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
    Process child = child(SigtermedProgram.class, marker.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startSeconds());
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat("the task started; stderr: " + Files.readString(err), Files.exists(marker));
      child.destroy(); // SIGTERM
      boolean ended = child.waitFor(60, TimeUnit.SECONDS);
      assertThat("the JVM ended after SIGTERM; stderr: " + Files.readString(err), ended, is(true));
      String stderr = Files.readString(err);
      assertThat(stderr, containsString(interruptedLine()));
      // the program's thread parks while the JVM exits: no stack trace of a closed journal
      assertThat(stderr, not(containsString("Exception in thread")));
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * Starts {@code main} in a JVM of its own with {@code args} and then the session's options, its
   * output in {@code out.txt} and {@code err.txt}.
   */
  private Process child(Class<?> main, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    command.addAll(sessionOptions());
    command.add("--workDir=" + dir.resolve("work"));
    command.add("--runsDir=" + dir.resolve("runs"));
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }
}
