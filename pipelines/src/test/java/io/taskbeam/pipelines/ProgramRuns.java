package io.taskbeam.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.taskbeam.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs an application as {@code Main} does, for tests: {@link #run} expects success and returns
 * stdout, {@link #fail} expects exit code 1 with one line on stderr and returns that line.
 */
public final class ProgramRuns {
  private ProgramRuns() {}

  public static String run(Main.App app, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(app.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)), is(0));
    return out.toString(StandardCharsets.UTF_8);
  }

  public static String fail(String name, Main.App app, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            name,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            () -> app.run(args, new PrintStream(new ByteArrayOutputStream())));
    String text = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(text, code, is(1));
    assertThat("one line: " + text, text.lines().count(), is(1L));
    return text;
  }

  /** The DirectRunner with 2 workers and a work directory under {@code dir}. */
  public static String[] direct(Path dir) {
    return new String[] {
      "--runner=DirectRunner", "--parallelism=2", "--workDir=" + dir.resolve("work")
    };
  }

  /** {@code runnerArgs} followed by {@code more}. */
  public static String[] with(String[] runnerArgs, String... more) {
    return Stream.concat(Arrays.stream(runnerArgs), Arrays.stream(more)).toArray(String[]::new);
  }
}
