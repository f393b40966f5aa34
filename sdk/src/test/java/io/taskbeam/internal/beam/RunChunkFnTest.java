package io.taskbeam.internal.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.taskbeam.internal.plan.ChunkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk run again finds the results an earlier run stored, and skips only then. */
class RunChunkFnTest {
  @TempDir Path dir;

  @Test
  void aChunkWhoseBundleIsWrittenIsNotRunAgain() throws Exception {
    Path bundle = dir.resolve("sync1-s0-c0.bin");
    ChunkSpec storeOnly =
        new ChunkSpec(0, 0, List.of(), List.of(), List.of("d1v2"), bundle.toString());
    assertThat(RunChunkFn.alreadyStored(storeOnly), is(false));
    Files.write(bundle, new byte[] {1});
    assertThat(RunChunkFn.alreadyStored(storeOnly), is(true));
  }

  @Test
  void aChunkThatEmitsToLaterStagesRunsAgain() throws Exception {
    Path bundle = dir.resolve("sync1-s0-c1.bin");
    Files.write(bundle, new byte[] {1});
    ChunkSpec emits =
        new ChunkSpec(0, 1, List.of(), List.of("d2v2"), List.of("d1v2"), bundle.toString());
    assertThat(RunChunkFn.alreadyStored(emits), is(false));
    assertThat(
        RunChunkFn.alreadyStored(new ChunkSpec(0, 2, List.of(), List.of(), List.of(), null)),
        is(false));
  }
}
