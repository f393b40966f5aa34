package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed TaskSubmitter is exactly what its generator writes: an edit of the generated file,
 * or of the generator without regenerating, fails here. Fix: {@code cd sdk && java
 * src/build/GenerateTaskSubmitter.java > src/main/java/io/taskbeam/TaskSubmitter.java}.
 */
class TaskSubmitterGeneratedTest {
  @Test
  void committedFileEqualsTheGeneratorsOutput() throws Exception {
    Path generator = Path.of("src/build/GenerateTaskSubmitter.java");
    Path committed = Path.of("src/main/java/io/taskbeam/TaskSubmitter.java");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(java.toString(), generator.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String generated = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(p.exitValue(), is(0));
    assertThat(Files.readString(committed), equalTo(generated));
  }
}
