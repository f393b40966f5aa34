package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flink's preload lists (offered by {@link FlinkRunnerSupport#preloadList}, read by the SDK's
 * {@code ClassPreload}): a mini cluster's and a remote cluster's first sync points load different
 * classes, and each list names classes that exist on this module's classpath: a Beam, Flink or JDK
 * upgrade that leaves one stale fails here, and {@code benchmarks/preload-lists} records it again.
 *
 * <p>The count of loadable names is written out here and in the other runner module's list test:
 * the SDK's own loader ({@code ClassPreload}) is in its engine, which runner modules do not import,
 * and the runner modules share no test code.
 */
class FlinkPreloadListTest {
  private final FlinkRunnerSupport support = new FlinkRunnerSupport();

  @Test
  void theMasterPicksTheList() {
    assertThat(support.preloadList(List.of("--runner=FlinkRunner")), is("preload-flink-local.txt"));
    assertThat(
        support.preloadList(List.of("--flinkMaster=[local]")), is("preload-flink-local.txt"));
    assertThat(support.preloadList(List.of("--flinkMaster=[auto]")), is("preload-flink-local.txt"));
    assertThat(support.preloadList(List.of("--flinkMaster=h:8081")), is("preload-flink.txt"));
    assertThat(
        "the last one counts",
        support.preloadList(List.of("--flinkMaster=h:8081", "--flinkMaster=[local]")),
        is("preload-flink-local.txt"));
  }

  @Test
  void theClusterListLoads() throws IOException {
    loads("preload-flink.txt");
  }

  @Test
  void theMiniClusterListLoads() throws IOException {
    loads("preload-flink-local.txt");
  }

  private void loads(String list) throws IOException {
    String[] names;
    try (InputStream in = FlinkRunnerSupport.class.getResourceAsStream(list)) {
      names = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    }
    assertThat(names.length, greaterThan(1000));
    int loaded = 0;
    for (String name : names) {
      try {
        Class.forName(name, false, getClass().getClassLoader());
        loaded++;
      } catch (ClassNotFoundException | LinkageError gone) {
        // counted below
      }
    }
    assertThat(
        loaded + " of " + names.length + " loaded", loaded, greaterThan(names.length * 95 / 100));
  }
}
