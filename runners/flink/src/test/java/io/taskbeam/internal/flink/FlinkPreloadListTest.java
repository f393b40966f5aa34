package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The SDK's preload list for Flink (see {@code io.taskbeam.internal.engine.ClassPreload}) names
 * classes that exist on this module's classpath: a Beam, Flink or JDK upgrade that leaves it stale
 * fails here, and {@code benchmarks/preload-lists} records it again.
 */
class FlinkPreloadListTest {
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
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("io/taskbeam/internal/engine/" + list)) {
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
