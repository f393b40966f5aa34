package io.taskbeam.bench;

import io.taskbeam.pipelines.matmul.MatMulMain;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Checks C = A B without computing A B (Freivalds): for random vectors x, C x must equal A (B x).
 * O(n^2) per check instead of O(n^3), so every measured run of n = 8192 is verified for a fraction
 * of a second, by arithmetic independent of the kernel under test.
 */
public final class ProductCheck {
  /** Relative error above which the product is wrong; rounding stays near 1e-14 here. */
  public static final double TOLERANCE = 1e-9;

  private static final int VECTORS = 2;

  private ProductCheck() {}

  /** Throws if {@code c} is not {@code a b}; {@code what} names the run in the message. */
  public static void verify(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, String what) {
    if (c.numRows != a.numRows || c.numCols != b.numCols) {
      throw new IllegalStateException(
          what
              + ": the product is "
              + c.numRows
              + "x"
              + c.numCols
              + ", expected "
              + a.numRows
              + "x"
              + b.numCols);
    }
    Random random = new Random(c.numRows * 31L + c.numCols);
    for (int v = 0; v < VECTORS; v++) {
      DMatrixRMaj x = new DMatrixRMaj(b.numCols, 1);
      for (int i = 0; i < x.numRows; i++) {
        x.data[i] = random.nextDouble() * 2 - 1;
      }
      DMatrixRMaj bx = new DMatrixRMaj(b.numRows, 1);
      CommonOps_DDRM.mult(b, x, bx);
      DMatrixRMaj expected = new DMatrixRMaj(a.numRows, 1);
      CommonOps_DDRM.mult(a, bx, expected);
      DMatrixRMaj actual = new DMatrixRMaj(c.numRows, 1);
      CommonOps_DDRM.mult(c, x, actual);
      double error = MatMulMain.relativeError(actual, expected);
      if (!(error <= TOLERANCE)) {
        throw new IllegalStateException(
            what + ": wrong product, |C x - A (B x)| / |A (B x)| = " + error + " > " + TOLERANCE);
      }
    }
  }
}
