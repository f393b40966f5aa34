package io.taskbeam.pipelines.kmeans;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K-means on the DirectRunner against sequential Lloyd, fragments in place, bad input. */
class KMeansTest {
  @TempDir Path dir;

  @Test
  void centroidsEqualSequentialLloyd() {
    KMeansChecks.centroidsEqualSequentialLloyd(ProgramRuns.direct(dir));
  }

  @Test
  void fragmentsAreNotSentFromTheDriverEachIteration() {
    KMeansChecks.fragmentsAreNotSentFromTheDriverEachIteration(ProgramRuns.direct(dir));
  }

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
