package io.taskbeam.pipelines;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The numbers the applications accept in their input files, the same rule as Matrix Market files
 * ({@code io.taskbeam.matrix.MatrixMarket}): finite decimal numbers only ({@code 1}, {@code -2.5},
 * {@code 3e-7}). NaN and infinities in any spelling, hexadecimal floats ({@code 0x1p3}) and Java
 * suffixes ({@code 1d}) are refused: Java's {@code parseDouble} takes them all, and none belongs in
 * a data file.
 */
public final class Decimals {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");

  private Decimals() {}

  /** The value of {@code s}, or null with {@link #problem} saying why not. */
  public static Double parse(String s) {
    if (!DECIMAL.matcher(s).matches()) {
      return null;
    }
    double v = Double.parseDouble(s);
    return Double.isFinite(v) ? v : null;
  }

  /** Why {@code s} was refused, e.g. {@code 'NaN' is not a finite number ...}. */
  public static String problem(String s) {
    String quoted = "'" + LineReader.excerpt(s) + "'";
    if (NOT_FINITE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
      return quoted
          + " is not a finite number; values must be finite (NaN and infinities are refused)";
    }
    if (DECIMAL.matcher(s).matches()) {
      return quoted + " is too large for a double; values must be finite";
    }
    return quoted + " is not a decimal number (such as 1, -2.5 or 3e-7)";
  }
}
