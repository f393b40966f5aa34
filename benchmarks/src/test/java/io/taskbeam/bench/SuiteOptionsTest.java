package io.taskbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A mistyped option is refused before any run starts; --help prints the options and runs nothing.
 */
class SuiteOptionsTest {

  @Test
  void aMistypedOptionIsOneLineNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Suite.run(new String[] {"--configs=direct", "--worklods=tiny"}));
    assertThat(
        e.getMessage(),
        equalTo("unknown option --worklods; see benchmarks/run --help for the options"));
  }

  @Test
  void helpPrintsTheOptionsAndMeasuresNothing() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Suite.run(new String[] {"--help"});
    } finally {
      System.setOut(original);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(code, equalTo(0));
    assertThat(text, containsString("usage: benchmarks/run"));
    assertThat(text, containsString("--workloads=seed1000"));
    assertThat(text.contains("configuration runs"), equalTo(false));
  }
}
