package io.taskbeam.pipelines.kmeans;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * K-means' byte ranges, CSV program and bad input. The centroids against sequential Lloyd and
 * fragments staying in place run in the conformance suite, on every runner ({@code
 * ConformanceSuite}).
 */
class KMeansTest {
  @TempDir Path dir;

  @Test
  void byteRangesCoverEveryPointOnce() throws Exception {
    KMeansChecks.byteRangesCoverEveryPointOnce(dir);
  }

  @Test
  void programClustersACsvFile() throws Exception {
    KMeansChecks.programClustersACsvFile(dir, ProgramRuns.direct(dir));
  }

  @Test
  void badInputIsOneLine() throws Exception {
    KMeansChecks.badInputIsOneLine(dir, ProgramRuns.direct(dir));
  }
}
