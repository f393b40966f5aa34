package io.taskbeam.internal.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DirectRunner's preload list (offered by {@link DirectRunnerSupport#preloadList}, read by the
 * SDK's {@code ClassPreload}) names classes that exist on this module's classpath: a Beam or JDK
 * upgrade that leaves it stale fails here, and {@code benchmarks/preload-lists} records it again.
 *
 * <p>The count of loadable names is written out here and in the other runner module's list test:
 * the SDK's own loader ({@code ClassPreload}) is in its engine, which runner modules do not import,
 * and the runner modules share no test code.
 */
class DirectPreloadListTest {
  @Test
  void theListIsOfferedForEveryProgramAndLoads() throws IOException {
    DirectRunnerSupport support = new DirectRunnerSupport();
    String list = support.preloadList(List.of("--parallelism=2"));
    assertThat(list, is("preload-direct.txt"));
    String[] names;
    try (InputStream in = DirectRunnerSupport.class.getResourceAsStream(list)) {
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
