package io.taskbeam.pipelines.fastq;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FASTQ statistics on the DirectRunner against a sequential pass, and malformed input. */
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
  void programGeneratesThenAnalyses() throws Exception {
    FastqChecks.programGeneratesThenAnalyses(dir, ProgramRuns.direct(dir));
  }

  @Test
  void programAnalysesSeveralFiles() throws Exception {
    FastqChecks.programAnalysesSeveralFiles(dir, ProgramRuns.direct(dir));
  }

  @Test
  void malformedRecordsNameFileAndLine() throws Exception {
    FastqChecks.malformedRecordsNameFileAndLine(dir, ProgramRuns.direct(dir));
  }
}
