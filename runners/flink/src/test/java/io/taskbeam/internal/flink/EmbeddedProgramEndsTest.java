package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program on embedded Flink whose {@code main} returns without closing its session ends, as on
 * the DirectRunner, saying what it never synced (the mini cluster's threads are not daemons: such a
 * program once never ended).
 */
class EmbeddedProgramEndsTest {
  @TempDir Path dir;

  @Test
  void aProgramThatNeverClosesItsSessionEndsWhenMainReturns() throws Exception {
    Process child =
        ChildPrograms.start(
            dir,
            UnclosedProgram.class,
            dir.resolve("work").toString(),
            dir.resolve("runs").toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    try {
      boolean ended = child.waitFor(90, TimeUnit.SECONDS);
      assertThat(
          "the child JVM ended by itself; stderr: " + Files.readString(err), ended, is(true));
      assertThat(child.exitValue(), is(0));
      assertThat(Files.readString(out), containsString("result 3"));
      assertThat(
          Files.readString(err),
          containsString("1 task(s) were submitted but never synced (first: add#2)"));
    } finally {
      child.destroyForcibly();
    }
  }
}
