package io.taskbeam.pipelines.cholesky;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocked Cholesky on the DirectRunner against the textbook factor, and its bad input. */
class CholeskyTest {
  @TempDir Path dir;

  @Test
  void blockedFactorEqualsTheTextbookFactor() {
    CholeskyChecks.blockedFactorEqualsTheTextbookFactor(ProgramRuns.direct(dir));
  }

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
