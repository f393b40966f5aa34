package io.taskbeam.internal.exec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call that modifies files runs again (its worker was lost) from the files as they were. */
class PreImagesTest {
  @TempDir Path dir;

  private static final CallSpec CALL =
      new CallSpec(
          "appendAndWrite#7", ExecTasks.APPEND_AND_WRITE, new ArgSource[0], new String[2], null);

  @Test
  void aSecondRunStartsFromTheFilesAsTheFirstFoundThem() throws Exception {
    Path attempts = dir.resolve("attempts");
    Path log = dir.resolve("log.txt");
    Path out = dir.resolve("out.txt");
    Files.writeString(log, "0");
    Object[] args = {log.toString(), out.toString()};

    PreImages.prepare(attempts, CALL, args);
    ExecTasks.appendAndWrite(log.toString(), out.toString());
    assertThat(Files.readString(log), equalTo("0+1"));

    PreImages.prepare(attempts, CALL, args); // the worker was lost after the call: run it again
    assertThat(Files.readString(log), equalTo("0"));
    assertThat(Files.exists(out), is(false));
    ExecTasks.appendAndWrite(log.toString(), out.toString());
    assertThat(Files.readString(log), equalTo("0+1"));
    assertThat(Files.readString(out), equalTo("written"));
  }

  @Test
  void withoutAnAttemptDirectoryNothingIsKept() throws Exception {
    Path log = dir.resolve("log.txt");
    Files.writeString(log, "0+1");
    PreImages.prepare(null, CALL, new Object[] {log.toString(), dir.resolve("o").toString()});
    assertThat(Files.readString(log), equalTo("0+1"));
    try (var files = Files.list(dir)) {
      assertThat(files.count(), is(1L));
    }
  }
}
