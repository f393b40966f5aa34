package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed TaskSubmitter and BoundTask are exactly what their generator writes: an edit of a
 * generated file, or of the generator without regenerating, fails here. Fix: {@code cd sdk && java
 * src/build/GenerateTaskSubmitter.java src/main/java/io/taskbeam}.
 */
class TaskSubmitterGeneratedTest {
  @TempDir Path out;

  @Test
  void committedFilesEqualTheGeneratorsOutput() throws Exception {
    Path generator = Path.of("src/build/GenerateTaskSubmitter.java");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(java.toString(), generator.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(said, p.exitValue(), is(0));
    for (String file : new String[] {"TaskSubmitter.java", "BoundTask.java"}) {
      assertThat(
          file,
          Files.readString(Path.of("src/main/java/io/taskbeam", file)),
          equalTo(Files.readString(out.resolve(file))));
    }
  }
}
