package io.taskbeam.pipelines.cholesky;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocked Cholesky on the DirectRunner against the textbook factor, and its bad input. */
class CholeskyTest {
  @TempDir Path dir;

  private String[] direct() {
    return new String[] {"--runner=DirectRunner", "--parallelism=2",
        "--workDir=" + dir.resolve("work")};
  }

  @Test
  void blockedFactorEqualsTheTextbookFactor() {
    CholeskyChecks.blockedFactorEqualsTheTextbookFactor(direct());
  }

  @Test
  void programReadsAndWritesMatrixMarket() throws Exception {
    CholeskyChecks.programReadsAndWritesMatrixMarket(dir, direct());
  }

  @Test
  void notPositiveDefiniteNamesTheBlock() {
    CholeskyChecks.notPositiveDefiniteNamesTheBlock(dir, direct());
  }

  @Test
  void badInputIsOneLine() {
    CholeskyChecks.badInputIsOneLine(dir, direct());
  }
}
