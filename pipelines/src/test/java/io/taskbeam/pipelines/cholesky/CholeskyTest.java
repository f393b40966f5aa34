package io.taskbeam.pipelines.cholesky;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cholesky's program, files and bad input on the DirectRunner. The factor against the textbook one
 * runs in the conformance suite, on every runner ({@code ConformanceSuite}).
 */
class CholeskyTest {
  @TempDir Path dir;

  @Test
  void programReadsAndWritesMatrixMarket() throws Exception {
    CholeskyChecks.programReadsAndWritesMatrixMarket(dir, ProgramRuns.direct(dir));
  }

  @Test
  void notPositiveDefiniteNamesTheBlock() {
    CholeskyChecks.notPositiveDefiniteNamesTheBlock(dir, ProgramRuns.direct(dir));
  }

  @Test
  void badInputIsOneLine() {
    CholeskyChecks.badInputIsOneLine(dir, ProgramRuns.direct(dir));
  }
}
