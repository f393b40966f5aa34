package io.taskbeam.pipelines.kmeans;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K-means on the DirectRunner against sequential Lloyd, fragments in place, bad input. */
class KMeansTest {
  @TempDir Path dir;

  private String[] direct() {
    return new String[] {"--runner=DirectRunner", "--parallelism=2",
        "--workDir=" + dir.resolve("work")};
  }

  @Test
  void centroidsEqualSequentialLloyd() {
    KMeansChecks.centroidsEqualSequentialLloyd(direct());
  }

  @Test
  void fragmentsAreNotSentFromTheDriverEachIteration() {
    KMeansChecks.fragmentsAreNotSentFromTheDriverEachIteration(direct());
  }

  @Test
  void byteRangesCoverEveryPointOnce() throws Exception {
    KMeansChecks.byteRangesCoverEveryPointOnce(dir);
  }

  @Test
  void programClustersACsvFile() throws Exception {
    KMeansChecks.programClustersACsvFile(dir, direct());
  }

  @Test
  void badInputIsOneLine() throws Exception {
    KMeansChecks.badInputIsOneLine(dir, direct());
  }
}
