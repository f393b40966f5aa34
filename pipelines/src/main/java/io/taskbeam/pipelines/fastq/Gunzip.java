package io.taskbeam.pipelines.fastq;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.FILE_OUT;

import io.taskbeam.Binary;
import io.taskbeam.Param;
import io.taskbeam.Task;
import java.nio.file.Path;

/**
 * A binary task (PyCOMPSs {@code @binary}): {@code zcat} unpacks a gzip-compressed FASTQ file
 * before its byte ranges are read. FILE_IN and FILE_OUT order it before the range tasks.
 */
final class Gunzip {
  private Gunzip() {}

  @Task
  static void zcat(@Param(FILE_IN) String gz, @Param(FILE_OUT) String fastq) throws Exception {
    Binary.runTo(Path.of(fastq), "zcat", gz);
  }

  /** Where the unpacked copy of {@code gz} goes: {@code dir/<name without .gz>}. */
  static Path unpacked(Path dir, Path gz) {
    String name = gz.getFileName().toString();
    return dir.resolve(name.substring(0, name.length() - ".gz".length()));
  }
}
