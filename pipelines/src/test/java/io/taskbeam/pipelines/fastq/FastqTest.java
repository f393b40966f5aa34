package io.taskbeam.pipelines.fastq;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FASTQ statistics of known records, byte ranges, several files and malformed input. Generating
 * then analysing runs in the conformance suite, on every runner ({@code ConformanceSuite}).
 */
class FastqTest {
  @TempDir Path dir;

  @Test
  void statisticsOfKnownRecords() throws Exception {
    FastqChecks.statisticsOfKnownRecords(dir);
  }

  @Test
  void byteRangesCountEveryRecordOnce() throws Exception {
    FastqChecks.byteRangesCountEveryRecordOnce(dir);
  }

  @Test
  void programAnalysesSeveralFiles() throws Exception {
    FastqChecks.programAnalysesSeveralFiles(dir, ProgramRuns.direct(dir));
  }

  @Test
  void gzipInputIsUnpackedByABinaryTask() throws Exception {
    FastqChecks.gzipInputIsUnpackedByABinaryTask(
        dir, "--runner=DirectRunner", "--workDir=" + dir.resolve("work"));
  }

  @Test
  void malformedRecordsNameFileAndLine() throws Exception {
    FastqChecks.malformedRecordsNameFileAndLine(dir, ProgramRuns.direct(dir));
  }
}
