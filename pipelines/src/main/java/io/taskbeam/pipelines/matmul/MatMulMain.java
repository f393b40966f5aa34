package io.taskbeam.pipelines.matmul;

import io.taskbeam.Cli;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.matrix.MatrixMarket;
import io.taskbeam.pipelines.OptionChecks;
import io.taskbeam.pipelines.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;

/**
 * The matrix multiplication program: {@code ./mvnw -q compile exec:java -Dexec.args="..."} from the
 * repository root. Prints the result check and where the time went; exit code 1 with one line on
 * stderr for bad input or a failed task.
 */
public final class MatMulMain {
  /** Relative error (max |C - C_ref| / max |C_ref|) above which a result is wrong. */
  static final double TOLERANCE = 1e-9;

  private MatMulMain() {}

  public static void main(String[] args) {
    int code = Cli.run("matmul", System.err, () -> run(args, System.out));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the program; returns the exit code. Throws for bad input (see {@link Cli#run}). */
  public static int run(String[] args, PrintStream out) {
    MatMulOptions options = Cli.parse(args, MatMulOptions.class);
    positive("--blockSize", options.getBlockSize());
    boolean rows = shape(options);
    boolean commutative = update(options);
    Path output =
        options.getOutput() == null
            ? null
            : OptionChecks.outputFile("--output", options.getOutput(), options.getOverwrite());
    DMatrixRMaj a;
    DMatrixRMaj b;
    if (options.getInputA() != null || options.getInputB() != null) {
      if (options.getInputA() == null || options.getInputB() == null) {
        throw new IllegalArgumentException("--inputA and --inputB go together: give both files");
      }
      a = MatrixMarket.read(Path.of(options.getInputA()));
      b = MatrixMarket.read(Path.of(options.getInputB()));
    } else {
      int n = options.getN() == null ? 1024 : options.getN();
      positive("--n", n);
      Random random = new Random(options.getSeed());
      a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
      b = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
    }
    if (a.numCols != b.numRows) {
      throw new IllegalArgumentException(
          "A is "
              + a.numRows
              + "x"
              + a.numCols
              + " but B is "
              + b.numRows
              + "x"
              + b.numCols
              + ": the columns of A must equal the rows of B");
    }
    String what = rows ? "rows" : "blocks/" + (commutative ? "commutative" : "inout");
    DMatrixRMaj c;
    long start = System.nanoTime();
    SyncReport totals;
    double error = Double.NaN;
    long refNanos = 0;
    try (TaskBeam tb = TaskBeam.start(options)) {
      out.printf(
          Locale.ROOT,
          "matmul %s: A %dx%d, B %dx%d, block %d%n",
          what,
          a.numRows,
          a.numCols,
          b.numRows,
          b.numCols,
          options.getBlockSize());
      out.println("runner: " + tb.target());
      c =
          rows
              ? RowMatMul.multiply(tb, a, b, options.getBlockSize())
              : BlockedMatMul.multiply(tb, a, b, options.getBlockSize(), commutative);
      totals = SyncReport.total(tb.reports());
      if (options.getVerify()) {
        long refStart = System.nanoTime();
        DMatrixRMaj expected = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, expected);
        refNanos = System.nanoTime() - refStart;
        error = relativeError(c, expected);
        tb.check(
            String.format(
                Locale.ROOT,
                "C matches a sequential EJML product: " + "max |C - C_ref| / max |C_ref| = %.3g",
                error),
            error <= TOLERANCE);
      }
    }
    long total = System.nanoTime() - start - refNanos;
    RunSummary.print(out, totals, total);
    if (options.getVerify()) {
      out.printf(
          Locale.ROOT,
          "verify: max |C - C_ref| / max |C_ref| = %.3g against a "
              + "sequential EJML product (%.3f s): %s%n",
          error,
          refNanos / 1e9,
          error <= TOLERANCE ? "OK" : "WRONG");
      if (!(error <= TOLERANCE)) {
        throw new IllegalStateException(
            "the product differs from the sequential product by "
                + error
                + " (relative), more than "
                + TOLERANCE
                + "; nothing was written");
      }
    }
    if (output != null) {
      MatrixMarket.write(output, c);
      out.println("wrote C to " + options.getOutput());
    }
    return 0;
  }

  /** max |C - R| / max |R| (0 when both are zero). */
  public static double relativeError(DMatrixRMaj c, DMatrixRMaj reference) {
    if (c.numRows != reference.numRows || c.numCols != reference.numCols) {
      return Double.POSITIVE_INFINITY;
    }
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < c.getNumElements(); i++) {
      diff = Math.max(diff, Math.abs(c.data[i] - reference.data[i]));
      scale = Math.max(scale, Math.abs(reference.data[i]));
    }
    return scale == 0 ? diff : diff / scale;
  }

  private static boolean shape(MatMulOptions options) {
    switch (options.getShape()) {
      case "rows":
        return true;
      case "blocks":
        return false;
      default:
        throw new IllegalArgumentException(
            "--shape must be rows or blocks; got '" + options.getShape() + "'");
    }
  }

  private static boolean update(MatMulOptions options) {
    switch (options.getUpdate()) {
      case "inout":
        return false;
      case "commutative":
        return true;
      default:
        throw new IllegalArgumentException(
            "--update must be inout or commutative; got '" + options.getUpdate() + "'");
    }
  }

  private static void positive(String option, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be a positive integer; got " + value);
    }
  }
}
