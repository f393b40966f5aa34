package io.taskbeam;

import static io.taskbeam.Direction.FILE_IN;
import static io.taskbeam.Direction.FILE_OUT;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tasks that run external programs, for {@link BinaryTest}. */
public final class BinaryTasks {
  private BinaryTasks() {}

  /** zcat of a gzip file into a plain one (the FASTQ application's compressed input). */
  @Task
  static long gunzipLines(@Param(FILE_IN) String gz, @Param(FILE_OUT) String plain)
      throws Exception {
    Binary.runTo(Path.of(plain), "zcat", gz);
    try (var lines = Files.lines(Path.of(plain))) {
      return lines.count();
    }
  }

  @Task
  static String shout(String word) throws Exception {
    return Binary.run("sh", "-c", "echo " + word + " | tr a-z A-Z; echo noted >&2").trim();
  }

  @Task
  static String broken(int code) throws Exception {
    return Binary.run("sh", "-c", "echo first >&2; echo 'no such input' >&2; exit " + code);
  }
}
