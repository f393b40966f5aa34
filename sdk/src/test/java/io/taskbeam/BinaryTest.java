package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary tasks: external programs with file arguments, exit codes, captured output. */
class BinaryTest {
  @TempDir Path dir;

  @Test
  void externalProgramsRunFromTasksWithTheirOutputKept() throws Exception {
    Path gz = dir.resolve("reads.fastq.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("@r1\nACGT\n+\nIIII\n@r2\nGGCC\n+\nIIII\n".getBytes(StandardCharsets.UTF_8));
    }
    Path plain = dir.resolve("reads.fastq");
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--workDir=" + dir.resolve("w"),
            "--runsDir=" + dir.resolve("runs"),
            "--metricsPort=-1",
            "--progress=off")) {
      TaskFuture<Long> lines = tb.submit(BinaryTasks::gunzipLines, gz.toString(), plain.toString());
      TaskFuture<String> loud = tb.submit(BinaryTasks::shout, "quiet");
      assertThat(tb.waitOn(List.of(lines, loud)), equalTo(List.of(8L, "QUIET")));
      assertThat(Files.readString(plain), containsString("@r2\nGGCC"));
      Path kept = tb.runDirectory().resolve("binary");
      assertThat(
          Files.readString(kept.resolve("shout#2-" + nth(kept, "shout#2") + ".stderr")),
          equalTo("noted\n"));
      TaskFuture<String> broken = tb.submit(BinaryTasks::broken, 3);
      TaskFailedException e =
          Assertions.assertThrows(TaskFailedException.class, () -> tb.waitOn(broken));
      assertThat(e.taskName(), is("broken#3"));
      assertThat(
          Files.readString(kept.resolve("broken#3-" + nth(kept, "broken#3") + ".stderr")),
          equalTo("first\nno such input\n"));
      assertThat(
          e.getMessage(),
          containsString(
              "command sh -c echo first >&2; echo 'no such "
                  + "input' >&2; exit 3 exited with 3: first | no such input"));
    }
  }

  /** The call number in the name of the first output file of {@code task}. */
  private static String nth(Path kept, String task) throws Exception {
    try (var files = Files.list(kept)) {
      String name =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(task + "-") && n.endsWith(".stderr"))
              .findFirst()
              .orElseThrow();
      return name.substring(task.length() + 1, name.length() - ".stderr".length());
    }
  }
}
