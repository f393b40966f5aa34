package io.taskbeam.pipelines.fastq;

import static io.taskbeam.Direction.COMMUTATIVE;
import static io.taskbeam.Direction.FILE_IN;

import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.BadInputException;
import io.taskbeam.pipelines.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics tasks: the records of one byte range of a FASTQ file (4-line records: {@code
 * @id}, sequence, {@code +}, quality), read where the task runs, merged per file.
 */
public final class FastqRange {
  private FastqRange() {}

  /** Lines read ahead to find the first record of a range: 4 candidates and their '+' lines. */
  private static final int WINDOW = 6;

  /** A line and the byte offset it starts at. */
  private record Line(String text, long offset) {}

  /** Statistics of the records that start in byte range {@code index} of {@code count}. */
  @Task
  static FastqStats rangeStats(@Param(FILE_IN) String file, int index, int count)
      throws IOException {
    Path path = Path.of(file);
    long[] range = LineReader.range(Files.size(path), index, count);
    FastqStats stats = new FastqStats();
    try (LineReader in = LineReader.at(path, range[0])) {
      List<Line> window = new ArrayList<>(8);
      fill(in, window, WINDOW);
      if (range[0] > 0) {
        window.subList(0, recordStart(window, path)).clear();
      }
      while (!window.isEmpty() && window.get(0).offset() < range[1]) {
        fill(in, window, 4);
        countRecord(window, path, stats);
        window.subList(0, 4).clear();
        fill(in, window, 1);
      }
    }
    return stats;
  }

  @Task
  static void merge(@Param(COMMUTATIVE) FastqStats total, FastqStats part) {
    total.add(part);
  }

  private static void fill(LineReader in, List<Line> window, int lines) throws IOException {
    while (window.size() < lines) {
      String text = in.next();
      if (text == null) {
        return;
      }
      window.add(new Line(text, in.lineStart()));
    }
  }

  /**
   * Lines to skip before the first record that starts in the window: the first of 4 lines that
   * starts with '@' and has a '+' line two lines later. Near the end of the file that test may lack
   * its lines; there the 4-line rhythm from the top of the file decides (counting lines up to here,
   * which only the last tiny range ever does).
   */
  private static int recordStart(List<Line> window, Path path) throws IOException {
    if (window.size() == WINDOW) {
      for (int c = 0; c < 4; c++) {
        if (window.get(c).text().startsWith("@") && window.get(c + 2).text().startsWith("+")) {
          return c;
        }
      }
      throw bad(
          path,
          window.get(0),
          "no FASTQ record starts on this line or the next three "
              + "(a record is 4 lines: @id, sequence, +, quality)");
    }
    if (window.isEmpty()) {
      return 0;
    }
    long first = LineReader.lineNumber(path, window.get(0).offset());
    return (int) Math.min((5 - first % 4) % 4, window.size());
  }

  private static void countRecord(List<Line> window, Path path, FastqStats stats)
      throws IOException {
    Line header = window.get(0);
    if (!header.text().startsWith("@")) {
      throw bad(
          path,
          header,
          "a record must start with '@'; found '" + LineReader.excerpt(header.text()) + "'");
    }
    if (window.size() < 4) {
      throw bad(
          path,
          header,
          "the file ends inside this record, after " + window.size() + " of its 4 lines");
    }
    String sequence = window.get(1).text();
    for (int i = 0; i < sequence.length(); i++) {
      if ("ACGTNacgtn".indexOf(sequence.charAt(i)) < 0) {
        throw bad(
            path,
            window.get(1),
            "'"
                + sequence.charAt(i)
                + "' at column "
                + (i + 1)
                + " is not a base (A, C, G, T or N)");
      }
    }
    if (!window.get(2).text().startsWith("+")) {
      throw bad(
          path,
          window.get(2),
          "expected the '+' line, found '" + LineReader.excerpt(window.get(2).text()) + "'");
    }
    String quality = window.get(3).text();
    if (quality.length() != sequence.length()) {
      throw bad(
          path,
          window.get(3),
          "the quality has "
              + quality.length()
              + " characters but "
              + "the sequence has "
              + sequence.length());
    }
    for (int i = 0; i < quality.length(); i++) {
      char q = quality.charAt(i);
      if (q < '!' || q > '~') {
        throw bad(
            path,
            window.get(3),
            "quality character "
                + (int) q
                + " at column "
                + (i + 1)
                + " is outside '!'..'~' (Phred+33)");
      }
    }
    stats.count(sequence, quality);
  }

  private static BadInputException bad(Path path, Line line, String what) throws IOException {
    return new BadInputException(
        "FASTQ file " + path + " line " + LineReader.lineNumber(path, line.offset()) + ": " + what);
  }

  /** One statistics datum per file, merged from one task per byte range. */
  public static List<TaskFuture<FastqStats>> statistics(TaskBeam tb, List<Path> files, int chunks) {
    List<TaskFuture<FastqStats>> perFile = new ArrayList<>();
    for (Path file : files) {
      TaskFuture<FastqStats> total = tb.put(new FastqStats());
      for (int i = 0; i < chunks; i++) {
        tb.submit(
            FastqRange::merge,
            total,
            tb.submit(FastqRange::rangeStats, file.toString(), i, chunks));
      }
      perFile.add(total);
    }
    return perFile;
  }
}
