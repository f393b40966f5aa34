package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and writing flat config.yaml. */
class FlinkConfigTest {

  @Test
  void parsesFlatKeysSkippingCommentsAndUnquoting() {
    FlinkConfig config =
        FlinkConfig.parse(
            String.join(
                "\n",
                "# comment",
                "",
                "rest.port: 8081   # inline comment",
                "restart-strategy.fixed-delay.delay: 2 s",
                "a.quoted: 'it''s: here'",
                "a.double: \"x # not a comment\"",
                "env.java.opts.all: --add-opens=java.base/java.lang=ALL-UNNAMED"),
            "test");

    assertThat(
        config.asMap(),
        equalTo(
            Map.of(
                "rest.port", "8081",
                "restart-strategy.fixed-delay.delay", "2 s",
                "a.quoted", "it's: here",
                "a.double", "x # not a comment",
                "env.java.opts.all", "--add-opens=java.base/java.lang=ALL-UNNAMED")));
  }

  @Test
  void rejectsNestedYamlWithLineNumber() {
    ClusterException e =
        assertThrows(
            ClusterException.class,
            () -> FlinkConfig.parse("rest.port: 1\nrest:\n  port: 8081\n", "config.yaml"));

    assertThat(
        e.getMessage(),
        equalTo(
            "config.yaml line 2: nested YAML is not supported; write flat keys (a.b.c: value)"));
  }

  @Test
  void quotesOnlyWhatYamlWouldMisread() {
    assertThat(FlinkConfig.quoteIfNeeded("1536m"), equalTo("1536m"));
    assertThat(FlinkConfig.quoteIfNeeded("2 s"), equalTo("2 s"));
    assertThat(
        FlinkConfig.quoteIfNeeded("--add-opens=a/b=ALL-UNNAMED"),
        equalTo("--add-opens=a/b=ALL-UNNAMED"));
    assertThat(FlinkConfig.quoteIfNeeded("/tmp/run dir/tmp"), equalTo("/tmp/run dir/tmp"));
    assertThat(FlinkConfig.quoteIfNeeded("a: b"), equalTo("'a: b'"));
    assertThat(FlinkConfig.quoteIfNeeded("x #y"), equalTo("'x #y'"));
    assertThat(FlinkConfig.quoteIfNeeded("*star"), equalTo("'*star'"));
    assertThat(FlinkConfig.quoteIfNeeded("- item"), equalTo("'- item'"));
    assertThat(FlinkConfig.quoteIfNeeded("it's"), equalTo("it's"));
    assertThat(FlinkConfig.quoteIfNeeded("'x'"), equalTo("'''x'''"));
    assertThat(FlinkConfig.quoteIfNeeded(""), equalTo("''"));
  }

  @Test
  void writtenYamlReadsBackToTheSameEntries() {
    FlinkConfig config =
        new FlinkConfig().set("a", "x: y").set("b", "2 s").set("c", "'q'").set("d", "");

    assertThat(
        FlinkConfig.parse(config.toYaml("header"), "roundtrip").asMap(), equalTo(config.asMap()));
  }
}
