package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.internal.data.Injected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running program whose stored results are rewritten between two sync points (with an object
 * whose deserialization has a side effect) fails at the next sync point with one line naming the
 * file; the object is never instantiated. The session's files are owner-only.
 */
class TamperedWorkDataTest {
  @TempDir Path work;

  @Test
  void aRewrittenSyncBundleStopsTheNextSyncPointNamingTheFile() throws Exception {
    Injected.RAN.set(false);
    try (TaskBeam tb =
        TaskBeam.start("--runner=DirectRunner", "--parallelism=1", "--workDir=" + work)) {
      TaskFuture<Integer> one = tb.submit(TestTasks::one);
      TaskFuture<Integer> two = tb.submit(TestTasks::add, one, one);
      assertThat(tb.waitOn(two), is(2));
      List<Path> bundles = bundles("sync1-");
      assertThat(bundles.isEmpty(), is(false));
      for (Path bundle : bundles) {
        assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(bundle)),
            is("rw-------"));
        assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(bundle.getParent())),
            is("rwx------"));
        Files.write(bundle, Injected.asForgedBundle(TestTasks.class.getName()));
      }
      // the forged entry's key does not matter: the seal is checked before any entry is read
      TaskFuture<Integer> three = tb.submit(TestTasks::add, two, one);
      RuntimeException e = assertThrows(RuntimeException.class, () -> tb.waitOn(three));
      assertThat(
          e.getMessage(),
          matchesPattern(
              "(?s).*refused work file .*/sync1-[^ ]*\\.bin: its content does not match the seal"
                  + " the session wrote.*"));
      assertThat(e.getMessage(), containsString(bundles.get(0).getFileName().toString()));
      assertThat(Injected.RAN.get(), is(false));
    }
  }

  private List<Path> bundles(String prefix) throws Exception {
    try (Stream<Path> all = Files.walk(work)) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
