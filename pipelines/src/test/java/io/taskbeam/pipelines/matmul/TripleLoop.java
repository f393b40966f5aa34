package io.taskbeam.pipelines.matmul;

import org.ejml.data.DMatrixRMaj;

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
}
