package io.taskbeam.internal.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The preload lists name classes that exist: a Beam or JDK upgrade that leaves them stale makes
 * this fail, and {@code benchmarks/preload-lists} records them again. (Their effect on a first sync
 * point is measured by the suite's first-sync rows, not here.)
 */
class ClassPreloadTest {
  @Test
  void theRunnerNamedPicksItsList() {
    assertThat(ClassPreload.listFor(List.of()), is("preload-direct.txt"));
    assertThat(ClassPreload.listFor(List.of("--runner=DirectRunner")), is("preload-direct.txt"));
    assertThat(
        ClassPreload.listFor(
            List.of("--runner=DirectRunner", "--runner=FlinkRunner", "--flinkMaster=h:8081")),
        is("preload-flink.txt"));
    assertThat(
        ClassPreload.listFor(List.of("--runner=FlinkRunner", "--flinkMaster=[local]")),
        is("preload-flink-local.txt"));
    assertThat(
        ClassPreload.listFor(List.of("--runner=FlinkRunner")), is("preload-flink-local.txt"));
    assertThat(
        ClassPreload.listFor(
            List.of("--flinkMaster=h:1", "--runner=org.apache.beam.runners.flink.FlinkRunner")),
        is("preload-flink.txt"));
    assertThat(ClassPreload.listFor(List.of("--runner=SparkRunner")), nullValue());
  }

  @Test
  void theDirectRunnersListLoadsOnTheSdksClasspath() throws IOException {
    int names = lines("preload-direct.txt");
    assertThat(names, greaterThan(1000));
    int loaded = ClassPreload.load("preload-direct.txt", getClass().getClassLoader());
    assertThat(loaded + " of " + names + " loaded", loaded, greaterThan(names * 95 / 100));
  }

  @Test
  void aMissingListCostsNothing() {
    assertThat(ClassPreload.load("no-such-list.txt", getClass().getClassLoader()), is(0));
  }

  private static int lines(String list) throws IOException {
    try (InputStream in = ClassPreload.class.getResourceAsStream(list)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n").length;
    }
  }
}
