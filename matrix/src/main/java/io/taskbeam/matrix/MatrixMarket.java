package io.taskbeam.matrix;

import io.taskbeam.AtomicFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes Matrix Market files ({@code scipy.io.mmread}/{@code mmwrite} read and write
 * the same). Reads {@code matrix array} and {@code matrix coordinate} files of real or integer
 * values, general or symmetric; writes {@code matrix array real general} with every double
 * printed exactly. Problems are reported as {@link MatrixFileException}: one line naming the
 * file, the line and what is wrong.
 */
public final class MatrixMarket {
  private MatrixMarket() {}

  /** A malformed or unreadable matrix file. */
  public static final class MatrixFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MatrixFileException(String message) {
      super(message);
    }
  }

  public static DMatrixRMaj read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      return new Parser(file, in).parse();
    } catch (NoSuchFileException e) {
      throw new MatrixFileException("matrix file " + file + " does not exist");
    } catch (IOException e) {
      throw new MatrixFileException("cannot read matrix file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes {@code m} to {@code file} through a temporary file renamed into place, so a failed
   * write leaves no partial file.
   */
  public static void write(Path file, DMatrixRMaj m) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFile.write(file, stream -> {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.US_ASCII));
        out.write("%%MatrixMarket matrix array real general\n");
        out.write("% written by taskbeam\n");
        out.write(m.numRows + " " + m.numCols + "\n");
        for (int c = 0; c < m.numCols; c++) {
          for (int r = 0; r < m.numRows; r++) {
            out.write(Double.toString(m.unsafe_get(r, c)));
            out.write('\n');
          }
        }
        out.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write matrix file " + file + ": " + e.getMessage(),
          e);
    }
  }

  private static final class Parser {
    private final Path file;
    private final BufferedReader in;
    private int lineNo;

    Parser(Path file, BufferedReader in) {
      this.file = file;
      this.in = in;
    }

    DMatrixRMaj parse() throws IOException {
      String header = in.readLine();
      lineNo = 1;
      if (header == null) {
        throw error("the file is empty; expected a %%MatrixMarket header");
      }
      String[] h = header.trim().toLowerCase(Locale.ROOT).split("\\s+");
      if (h.length != 5 || !h[0].equals("%%matrixmarket") || !h[1].equals("matrix")) {
        throw error("expected '%%MatrixMarket matrix <array|coordinate> real general', got '"
            + header + "'");
      }
      boolean array = h[2].equals("array");
      if (!array && !h[2].equals("coordinate")) {
        throw error("format '" + h[2] + "' is not supported; use array or coordinate");
      }
      if (!h[3].equals("real") && !h[3].equals("integer") && !h[3].equals("double")) {
        throw error("field '" + h[3] + "' is not supported; use real or integer");
      }
      boolean symmetric = h[4].equals("symmetric");
      if (!symmetric && !h[4].equals("general")) {
        throw error("symmetry '" + h[4] + "' is not supported; use general or symmetric");
      }
      String[] size = numbers(nextDataLine("the size line"), array ? 2 : 3, "size");
      int rows = positive(size[0], "rows");
      int cols = positive(size[1], "columns");
      if (symmetric && rows != cols) {
        throw error("a symmetric matrix must be square, got " + rows + "x" + cols);
      }
      DMatrixRMaj m = new DMatrixRMaj(rows, cols);
      if (array) {
        readArray(m, symmetric);
      } else {
        readCoordinate(m, symmetric, Long.parseLong(size[2]));
      }
      String extra = nextDataLine(null);
      if (extra != null) {
        throw error("unexpected data after the last entry: '" + extra.trim() + "'");
      }
      return m;
    }

    private void readArray(DMatrixRMaj m, boolean symmetric) throws IOException {
      for (int c = 0; c < m.numCols; c++) {
        for (int r = symmetric ? c : 0; r < m.numRows; r++) {
          double v = value(numbers(nextDataLine("entry (" + (r + 1) + "," + (c + 1) + ")"), 1,
              "entry")[0]);
          m.unsafe_set(r, c, v);
          if (symmetric) {
            m.unsafe_set(c, r, v);
          }
        }
      }
    }

    private void readCoordinate(DMatrixRMaj m, boolean symmetric, long entries)
        throws IOException {
      for (long k = 0; k < entries; k++) {
        String[] e = numbers(nextDataLine("entry " + (k + 1) + " of " + entries), 3, "entry");
        int r = index(e[0], m.numRows, "row");
        int c = index(e[1], m.numCols, "column");
        double v = value(e[2]);
        m.unsafe_set(r, c, v);
        if (symmetric) {
          m.unsafe_set(c, r, v);
        }
      }
    }

    private String nextDataLine(String expected) throws IOException {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("%")) {
          return line;
        }
      }
      if (expected != null) {
        throw error("the file ends early: missing " + expected);
      }
      return null;
    }

    private String[] numbers(String line, int count, String what) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length != count) {
        throw error("expected " + count + " number" + (count > 1 ? "s" : "") + " on the " + what
            + " line, got '" + line.trim() + "'");
      }
      return parts;
    }

    private int positive(String s, String what) {
      try {
        int v = Integer.parseInt(s);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error("the number of " + what + " must be a positive integer, got '" + s + "'");
    }

    private int index(String s, int bound, String what) {
      try {
        int v = Integer.parseInt(s);
        if (v >= 1 && v <= bound) {
          return v - 1;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(what + " index '" + s + "' is outside 1.." + bound);
    }

    private double value(String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw error("'" + s + "' is not a number");
      }
    }

    private MatrixFileException error(String what) {
      return new MatrixFileException("matrix file " + file + " line " + lineNo + ": " + what);
    }
  }
}
