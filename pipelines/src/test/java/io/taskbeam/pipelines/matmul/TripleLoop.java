package io.taskbeam.pipelines.matmul;

import io.taskbeam.TaskBeam;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;

/** The textbook product: independent of EJML's kernels and of taskbeam. */
public final class TripleLoop {
  private TripleLoop() {}

  public static DMatrixRMaj product(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < b.numCols; j++) {
        double s = 0;
        for (int k = 0; k < a.numCols; k++) {
          s += a.get(i, k) * b.get(k, j);
        }
        c.set(i, j, s);
      }
    }
    return c;
  }

  /**
   * Multiplies random m x k and k x n matrices in a fresh session with the given shape ({@code
   * rows}, {@code inout} or {@code commutative}) and returns the relative error against the triple
   * loop.
   */
  public static double errorOf(
      Supplier<TaskBeam> session, String shape, int m, int k, int n, int block, long seed) {
    Random random = new Random(seed);
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(m, k, -1, 1, random);
    DMatrixRMaj b = RandomMatrices_DDRM.rectangle(k, n, -1, 1, random);
    DMatrixRMaj c;
    try (TaskBeam tb = session.get()) {
      c =
          shape.equals("rows")
              ? RowMatMul.multiply(tb, a, b, block)
              : BlockedMatMul.multiply(tb, a, b, block, shape.equals("commutative"));
    }
    return MatMulMain.relativeError(c, product(a, b));
  }
}
