package io.taskbeam.internal.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory's failures.txt and the one line on stderr that names it. */
public class FailureLogTest {
  @TempDir Path dir;

  @Task
  public static int refuse(int x) {
    throw new IllegalArgumentException("x = " + x + " is not allowed here");
  }

  @Test
  void aFailedSyncPointIsOneLineOnStderrMessageFirstWithItsTraceInTheRunDirectory()
      throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    Path runDir;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=InMemoryRunner",
            "--runsDir=" + dir.resolve("runs"),
            "--workDir=" + dir.resolve("work"),
            "--metricsPort=-1",
            "--dashboard=off",
            "--progress=off")) {
      runDir = tb.runDirectory();
      TaskFuture<Integer> refused = tb.submit(FailureLogTest::refuse, 7);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(refused));
    } finally {
      System.setErr(stderr);
    }
    Path file = runDir.resolve(FailureLog.FILE);
    List<String> failed =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("taskbeam: sync point "))
            .toList();
    assertThat(failed, hasSize(1));
    assertThat(failed.get(0), startsWith("taskbeam: sync point 1 failed: task refuse#"));
    assertThat(failed.get(0), containsString("x = 7 is not allowed here"));
    assertThat(failed.get(0), containsString("; full trace in " + file));
    String trace = Files.readString(file);
    assertThat(trace, containsString(" sync 1 failed\n"));
    assertThat(trace, containsString("IllegalArgumentException: x = 7 is not allowed here"));
    assertThat(trace, containsString("at " + FailureLogTest.class.getName() + ".refuse("));
  }

  @Test
  void aFailureRebuiltForTheProgramIsWrittenWithTheTraceItCameFrom() throws Exception {
    Path session = Files.createDirectories(dir.resolve("session"));
    Path run = Files.createDirectories(dir.resolve("run"));
    FailureLog.follow(session, run);
    try {
      IllegalStateException runner =
          new IllegalStateException("job failed", new ArithmeticException("deep cause"));
      RuntimeException reported = FailureLog.withOrigin(new RuntimeException("short"), runner);
      Path file = FailureLog.append(session, "sync 3 failed", reported);
      assertThat(file, equalTo(run.resolve(FailureLog.FILE)));
      String trace = Files.readString(file);
      assertThat(trace, containsString("java.lang.IllegalStateException: job failed"));
      assertThat(trace, containsString("Caused by: java.lang.ArithmeticException: deep cause"));
      assertThat(trace, not(containsString("RuntimeException: short")));
      FailureLog.append(session, "sync 4 failed", new RuntimeException("second"));
      assertThat(Files.readString(file), containsString("RuntimeException: second"));
      assertThat(Files.readString(file).startsWith(trace), is(true)); // appended, not replaced
    } finally {
      FailureLog.unfollow(session);
    }
    assertThat(FailureLog.append(session, "later", new RuntimeException("x")), nullValue());
  }
}
