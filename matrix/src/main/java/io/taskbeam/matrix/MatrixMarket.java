package io.taskbeam.matrix;

import io.taskbeam.AtomicFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes Matrix Market files ({@code scipy.io.mmread}/{@code mmwrite} read and write the
 * same). Reads {@code matrix array} and {@code matrix coordinate} files of real or integer values,
 * general or symmetric; writes {@code matrix array real general} with every double printed exactly.
 * Problems are reported as {@link MatrixFileException}: one line naming the file, the line and what
 * is wrong.
 *
 * <p>What is refused, before any matrix is allocated: sizes whose entries do not fit one Java
 * array, or the free heap, or the file (every entry takes at least two bytes, a coordinate entry
 * six), and negative entry counts. Values must be finite decimal numbers ({@code 1}, {@code -2.5},
 * {@code 3e-7}): NaN and infinities in any spelling, hexadecimal floats ({@code 0x1p3}) and Java
 * suffixes ({@code 1d}, {@code 2f}) are refused, whatever their case, because a product or
 * factorisation of them is meaningless. Files are ASCII text; another byte is refused with its line
 * and column.
 */
public final class MatrixMarket {
  /** A finite decimal number: digits, an optional fraction, an optional exponent. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private MatrixMarket() {}

  /** A malformed or unreadable matrix file. */
  public static final class MatrixFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MatrixFileException(String message) {
      super(message);
    }
  }

  public static DMatrixRMaj read(Path file) {
    // ISO-8859-1 maps every byte to one char, so a non-ASCII byte is reported with its place
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      return new Parser(file, in, Files.size(file)).parse();
    } catch (NoSuchFileException e) {
      throw new MatrixFileException("matrix file " + file + " does not exist");
    } catch (IOException e) {
      throw new MatrixFileException("cannot read matrix file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes {@code m} to {@code file} through a temporary file renamed into place, so a failed write
   * leaves no partial file.
   */
  public static void write(Path file, DMatrixRMaj m) {
    try {
      AtomicFile.write(
          file,
          stream -> {
            Writer out =
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.US_ASCII));
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
      throw new UncheckedIOException("cannot write matrix file " + file + ": " + e.getMessage(), e);
    }
  }

  private static final class Parser {
    private final Path file;
    private final BufferedReader in;
    private final long fileBytes;
    private int lineNo;

    Parser(Path file, BufferedReader in, long fileBytes) {
      this.file = file;
      this.in = in;
      this.fileBytes = fileBytes;
    }

    DMatrixRMaj parse() throws IOException {
      String header = in.readLine();
      lineNo = 1;
      if (header != null) {
        requireAscii(header);
      }
      if (header == null) {
        throw error("the file is empty; expected a %%MatrixMarket header");
      }
      String[] h = header.trim().toLowerCase(Locale.ROOT).split("\\s+");
      if (h.length != 5 || !h[0].equals("%%matrixmarket") || !h[1].equals("matrix")) {
        throw error(
            "expected '%%MatrixMarket matrix <array|coordinate> real general', got '"
                + header
                + "'");
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
      long entries =
          array
              ? (symmetric ? (long) rows * (rows + 1) / 2 : (long) rows * cols)
              : count(size[2], symmetric ? (long) rows * (rows + 1) / 2 : (long) rows * cols);
      requireRoom(rows, cols, entries, array ? 2 : 6);
      DMatrixRMaj m = new DMatrixRMaj(rows, cols);
      if (array) {
        readArray(m, symmetric);
      } else {
        readCoordinate(m, symmetric, entries);
      }
      String extra = nextDataLine(null);
      if (extra != null) {
        throw error("unexpected data after the last entry: '" + extra.trim() + "'");
      }
      return m;
    }

    /** The entry count of a coordinate file: 0 .. the matrix's (stored) entries. */
    private long count(String s, long most) {
      long v;
      try {
        v = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw error("the number of entries must be a non-negative integer, got '" + s + "'");
      }
      if (v < 0) {
        throw error("the number of entries must be a non-negative integer, got " + v);
      }
      if (v > most) {
        throw error(v + " entries declared, but the matrix has only " + most + " places");
      }
      return v;
    }

    /**
     * Refuses, before allocating, a size that no Java array, the heap or the file can hold: a
     * 61-byte file declaring 30000 x 30000 must not end in an OutOfMemoryError.
     */
    private void requireRoom(int rows, int cols, long entries, int minBytesPerEntry) {
      long cells = (long) rows * cols;
      String size = rows + "x" + cols;
      if (cells > Integer.MAX_VALUE - 8) {
        throw error(
            "a "
                + size
                + " matrix has "
                + cells
                + " entries, more than one Java array "
                + "holds (2^31 - 9); split it into blocks");
      }
      if (entries * minBytesPerEntry > fileBytes) {
        throw error(
            "a "
                + size
                + " matrix needs "
                + entries
                + " entries, at least "
                + entries * minBytesPerEntry
                + " bytes, but the file has "
                + fileBytes
                + " bytes: the size line is wrong or the file is cut short");
      }
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (cells * 8 > free) {
        throw error(
            String.format(
                Locale.ROOT,
                "a %s matrix needs %.1f GiB of memory but the "
                    + "JVM has %.1f GiB free (of -Xmx %.1f GiB); give the JVM more memory (-Xmx) or use "
                    + "a smaller matrix",
                size,
                cells * 8 / 1073741824.0,
                free / 1073741824.0,
                rt.maxMemory() / 1073741824.0));
      }
    }

    private void readArray(DMatrixRMaj m, boolean symmetric) throws IOException {
      for (int c = 0; c < m.numCols; c++) {
        for (int r = symmetric ? c : 0; r < m.numRows; r++) {
          double v =
              value(
                  numbers(nextDataLine("entry (" + (r + 1) + "," + (c + 1) + ")"), 1, "entry")[0]);
          m.unsafe_set(r, c, v);
          if (symmetric) {
            m.unsafe_set(c, r, v);
          }
        }
      }
    }

    private void readCoordinate(DMatrixRMaj m, boolean symmetric, long entries) throws IOException {
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
          requireAscii(line); // comments may hold any text; data lines are ASCII
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
        throw error(
            "expected "
                + count
                + " number"
                + (count > 1 ? "s" : "")
                + " on the "
                + what
                + " line, got '"
                + line.trim()
                + "'");
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
      if (!DECIMAL.matcher(s).matches()) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.matches("[+-]?(nan|inf|infinity)")) {
          throw error(
              "'"
                  + s
                  + "' is not a finite number; entries must be finite (NaN and "
                  + "infinities are refused)");
        }
        throw error("'" + s + "' is not a decimal number (such as 1, -2.5 or 3e-7)");
      }
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw error("'" + s + "' is too large for a double; entries must be finite");
      }
      return v;
    }

    /** Printable ASCII and tabs only; anything else is named by its byte value and column. */
    private void requireAscii(String line) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if ((c < 0x20 && c != '\t' && c != '\r') || c > 0x7e) {
          throw error(
              String.format(
                  Locale.ROOT,
                  "byte 0x%02X at column %d is not ASCII "
                      + "text; Matrix Market files are plain ASCII",
                  (int) c,
                  i + 1));
        }
      }
    }

    private MatrixFileException error(String what) {
      return new MatrixFileException("matrix file " + file + " line " + lineNo + ": " + what);
    }
  }
}
