package io.taskbeam.pipelines.kmeans;

import static io.taskbeam.Direction.FILE_IN;

import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.pipelines.BadInputException;
import io.taskbeam.pipelines.Decimals;
import io.taskbeam.pipelines.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Points from a CSV file: one point per line, its coordinates separated by commas; blank lines are
 * skipped, and so is a first line that is not numbers (a header). A task parses the lines that
 * start in its byte range of the file, so the file is read where the tasks run.
 */
public final class CsvPoints {
  private CsvPoints() {}

  /** The points of the lines starting in byte range {@code index} of {@code count}. */
  @Task
  static DMatrixRMaj parseFragment(@Param(FILE_IN) String file, int index, int count, int dims)
      throws IOException {
    Path path = Path.of(file);
    long[] range = LineReader.range(Files.size(path), index, count);
    double[] values = new double[1024];
    int rows = 0;
    try (LineReader in = LineReader.at(path, range[0])) {
      for (String line = in.next(); line != null && in.lineStart() < range[1]; line = in.next()) {
        double[] point = parse(line, dims, path, in.lineStart());
        if (point == null) {
          continue;
        }
        if ((rows + 1) * dims > values.length) {
          values = Arrays.copyOf(values, values.length * 2);
        }
        System.arraycopy(point, 0, values, rows * dims, dims);
        rows++;
      }
    }
    DMatrixRMaj points = new DMatrixRMaj(rows, dims);
    System.arraycopy(values, 0, points.data, 0, rows * dims);
    return points;
  }

  /** The first {@code k} points of the file, and so its number of dimensions. */
  public static DMatrixRMaj head(Path file, int k) throws IOException {
    double[][] first = new double[k][];
    int found = 0;
    int dims = -1;
    try (LineReader in = LineReader.at(file, 0)) {
      for (String line = in.next(); line != null && found < k; line = in.next()) {
        double[] point = parse(line, dims, file, in.lineStart());
        if (point != null) {
          dims = point.length;
          first[found++] = point;
        }
      }
    }
    if (found < k) {
      throw new BadInputException(
          "points file "
              + file
              + " has "
              + found
              + " point(s); "
              + "k-means with --k="
              + k
              + " needs at least "
              + k);
    }
    return new DMatrixRMaj(first);
  }

  /** Whether a first line looks like data (then a bad value in it is an error, not a header). */
  private static boolean isNumeric(String line) {
    for (String field : line.split(",", -1)) {
      String f = field.strip().toLowerCase(java.util.Locale.ROOT);
      if (!f.isEmpty() && !f.matches("[-+0-9.e]+|[+-]?(nan|inf|infinity)|0x.*|.*[0-9][df]")) {
        return false;
      }
    }
    return true;
  }

  /** One line's point; null for a blank line or a header; {@code dims} -1 takes any number. */
  private static double[] parse(String line, int dims, Path file, long offset) throws IOException {
    if (line.isBlank()) {
      return null;
    }
    String[] fields = line.split(",", -1);
    double[] point = new double[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i].strip();
      Double value = Decimals.parse(field);
      if (value == null) {
        if (offset == 0 && !isNumeric(line)) {
          return null;
        }
        throw new BadInputException(
            "points file "
                + file
                + " line "
                + LineReader.lineNumber(file, offset)
                + ": "
                + Decimals.problem(field));
      }
      point[i] = value;
    }
    if (dims >= 0 && fields.length != dims) {
      throw new BadInputException(
          "points file "
              + file
              + " line "
              + LineReader.lineNumber(file, offset)
              + ": "
              + fields.length
              + " coordinate(s), but "
              + "the first point has "
              + dims);
    }
    return point;
  }
}
