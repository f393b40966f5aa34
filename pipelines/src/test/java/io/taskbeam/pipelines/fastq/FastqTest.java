package io.taskbeam.pipelines.fastq;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FASTQ statistics on the DirectRunner against a sequential pass, and malformed input. */
class FastqTest {
  @TempDir Path dir;

  private String[] direct() {
    return new String[] {"--runner=DirectRunner", "--parallelism=2",
        "--workDir=" + dir.resolve("work")};
  }

  @Test
  void statisticsOfKnownRecords() throws Exception {
    FastqChecks.statisticsOfKnownRecords(dir);
  }

  @Test
  void byteRangesCountEveryRecordOnce() throws Exception {
    FastqChecks.byteRangesCountEveryRecordOnce(dir);
  }

  @Test
  void programGeneratesThenAnalyses() throws Exception {
    FastqChecks.programGeneratesThenAnalyses(dir, direct());
  }

  @Test
  void programAnalysesSeveralFiles() throws Exception {
    FastqChecks.programAnalysesSeveralFiles(dir, direct());
  }

  @Test
  void malformedRecordsNameFileAndLine() throws Exception {
    FastqChecks.malformedRecordsNameFileAndLine(dir, direct());
  }
}
