package io.taskbeam.pipelines.cholesky;

import io.taskbeam.Cli;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.matrix.MatrixMarket;
import io.taskbeam.pipelines.BadInputException;
import io.taskbeam.pipelines.OptionChecks;
import io.taskbeam.pipelines.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky program: {@code ./mvnw -q compile exec:java -Dapp=cholesky}. Factors a generated or
 * given SPD matrix in blocks, checks the factor, writes L.
 */
public final class CholeskyMain {
  /** ||L L^T - A||_F / ||A||_F above which a factor is wrong. */
  static final double TOLERANCE = 1e-12;

  private CholeskyMain() {}

  /** Runs the program; returns the exit code. Throws for bad input (see {@link Cli#run}). */
  public static int run(String[] args, PrintStream out) {
    CholeskyOptions options = Cli.parse(args, CholeskyOptions.class);
    OptionChecks.positive("--blockSize", options.getBlockSize());
    Path output =
        options.getOutput() == null
            ? null
            : OptionChecks.outputFile("--output", options.getOutput(), options.getOverwrite());
    DMatrixRMaj a;
    if (options.getInput() != null) {
      a = MatrixMarket.read(Path.of(options.getInput()));
      checkSymmetric(a);
    } else {
      int n = options.getN() == null ? 2048 : options.getN();
      OptionChecks.positive("--n", n);
      a = generate(n, options.getSeed());
    }
    long start = System.nanoTime();
    DMatrixRMaj l;
    SyncReport totals;
    try (TaskBeam tb = TaskBeam.start(options)) {
      out.printf(
          Locale.ROOT,
          "cholesky: A %dx%d%s, block %d%n",
          a.numRows,
          a.numCols,
          options.getInput() == null ? " generated" : " from " + options.getInput(),
          options.getBlockSize());
      out.println("runner: " + tb.target());
      try {
        l = BlockedCholesky.factor(tb, a, options.getBlockSize());
      } catch (TaskFailedException e) {
        throw BadInputException.reported(e);
      }
      totals = SyncReport.total(tb.reports());
    }
    long total = System.nanoTime() - start;
    RunSummary.print(out, totals, total);
    if (options.getVerify()) {
      verify(a, l, out);
    }
    if (output != null) {
      MatrixMarket.write(output, l);
      out.println("wrote L to " + options.getOutput());
    }
    return 0;
  }

  /** A random symmetric matrix made diagonally dominant, hence positive definite. */
  static DMatrixRMaj generate(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double v = random.nextDouble(-1, 1);
        a.unsafe_set(i, j, v);
        a.unsafe_set(j, i, v);
      }
      a.unsafe_set(i, i, n + random.nextDouble());
    }
    return a;
  }

  /** ||L L^T - A||_F / ||A||_F. */
  static double residual(DMatrixRMaj a, DMatrixRMaj l) {
    DMatrixRMaj llt = new DMatrixRMaj(a.numRows, a.numCols);
    CommonOps_DDRM.multTransB(l, l, llt);
    CommonOps_DDRM.subtractEquals(llt, a);
    return NormOps_DDRM.normF(llt) / NormOps_DDRM.normF(a);
  }

  private static void verify(DMatrixRMaj a, DMatrixRMaj l, PrintStream out) {
    long refStart = System.nanoTime();
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.numRows, true);
    DMatrixRMaj reference = chol.decompose(a.copy()) ? chol.getT(null) : null;
    double refSeconds = (System.nanoTime() - refStart) / 1e9;
    double residual = residual(a, l);
    double diff =
        reference == null
            ? Double.NaN
            : NormOps_DDRM.normF(diff(l, reference)) / NormOps_DDRM.normF(reference);
    boolean ok = residual <= TOLERANCE;
    out.printf(
        Locale.ROOT,
        "verify: ||L L^T - A||_F / ||A||_F = %.3g; ||L - L_ref||_F / "
            + "||L_ref||_F = %.3g against a sequential EJML Cholesky (%.3f s): %s%n",
        residual,
        diff,
        refSeconds,
        ok ? "OK" : "WRONG");
    if (!ok) {
      throw new IllegalStateException(
          "||L L^T - A|| / ||A|| is "
              + residual
              + ", more than "
              + TOLERANCE
              + "; nothing was written");
    }
  }

  private static DMatrixRMaj diff(DMatrixRMaj x, DMatrixRMaj y) {
    DMatrixRMaj d = x.copy();
    CommonOps_DDRM.subtractEquals(d, y);
    return d;
  }

  private static void checkSymmetric(DMatrixRMaj a) {
    if (a.numRows != a.numCols) {
      throw new IllegalArgumentException(
          "A is "
              + a.numRows
              + "x"
              + a.numCols
              + ": Cholesky "
              + "needs a square symmetric positive definite matrix");
    }
    double scale = CommonOps_DDRM.elementMaxAbs(a);
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(a.unsafe_get(i, j) - a.unsafe_get(j, i)) > 1e-12 * scale) {
          throw new IllegalArgumentException(
              "A is not symmetric: A("
                  + i
                  + ","
                  + j
                  + ") = "
                  + a.unsafe_get(i, j)
                  + " but A("
                  + j
                  + ","
                  + i
                  + ") = "
                  + a.unsafe_get(j, i)
                  + "; Cholesky needs a symmetric positive definite matrix");
        }
      }
    }
  }
}
