package io.taskbeam.pipelines.cholesky;

import static io.taskbeam.Direction.INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.matrix.Blocks;
import io.taskbeam.pipelines.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** A = L L^T on the blocks of the lower triangle; the upper blocks of L are zero. */
public final class BlockedCholesky {
  private BlockedCholesky() {}

  /** Factors the diagonal block {@code (k,k)} in place: it becomes its lower Cholesky factor. */
  @Task
  static void potrf(@Param(INOUT) DMatrixRMaj a, int k, int blockSize) {
    int n = a.numRows;
    double[] d = a.data;
    for (int j = 0; j < n; j++) {
      double pivot = d[j * n + j] - dot(d, j * n, d, j * n, j);
      if (!(pivot > 0)) {
        throw new BadInputException(
            "block ("
                + k
                + ","
                + k
                + ") is not positive "
                + "definite: pivot "
                + pivot
                + " at row "
                + (k * blockSize + j)
                + " of the matrix; "
                + "the input must be symmetric positive definite");
      }
      double l = Math.sqrt(pivot);
      d[j * n + j] = l;
      for (int i = j + 1; i < n; i++) {
        d[i * n + j] = (d[i * n + j] - dot(d, i * n, d, j * n, j)) / l;
        d[j * n + i] = 0;
      }
    }
  }

  /** B := B L^-T for a block B below the factored diagonal block L. */
  @Task
  static void trsm(DMatrixRMaj l, @Param(INOUT) DMatrixRMaj b) {
    int n = l.numRows;
    for (int r = 0; r < b.numRows; r++) {
      for (int j = 0; j < n; j++) {
        int at = r * n + j;
        b.data[at] = (b.data[at] - dot(b.data, r * n, l.data, j * n, j)) / l.data[j * n + j];
      }
    }
  }

  /** C := C - A A^T, the update of a diagonal block. */
  @Task
  static void syrk(DMatrixRMaj a, @Param(INOUT) DMatrixRMaj c) {
    CommonOps_DDRM.multAddTransB(-1, a, a, c);
  }

  /** C := C - A B^T, the update of a block below the diagonal. */
  @Task
  static void gemm(DMatrixRMaj a, DMatrixRMaj b, @Param(INOUT) DMatrixRMaj c) {
    CommonOps_DDRM.multAddTransB(-1, a, b, c);
  }

  private static double dot(double[] x, int xAt, double[] y, int yAt, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[xAt + i] * y[yAt + i];
    }
    return s;
  }

  /** L with A = L L^T, for a symmetric positive definite {@code a}; reads its lower triangle. */
  public static DMatrixRMaj factor(TaskBeam tb, DMatrixRMaj a, int blockSize) {
    DMatrixRMaj[][] blocks = Blocks.split(a, blockSize);
    int nb = blocks.length;
    List<List<TaskFuture<DMatrixRMaj>>> l = new ArrayList<>();
    for (int i = 0; i < nb; i++) {
      l.add(new ArrayList<>());
      for (int j = 0; j <= i; j++) {
        l.get(i).add(tb.put(blocks[i][j]));
      }
    }
    for (int k = 0; k < nb; k++) {
      tb.submit(BlockedCholesky::potrf, l.get(k).get(k), k, blockSize);
      for (int i = k + 1; i < nb; i++) {
        tb.submit(BlockedCholesky::trsm, l.get(k).get(k), l.get(i).get(k));
      }
      for (int i = k + 1; i < nb; i++) {
        tb.submit(BlockedCholesky::syrk, l.get(i).get(k), l.get(i).get(i));
        for (int j = k + 1; j < i; j++) {
          tb.submit(BlockedCholesky::gemm, l.get(i).get(k), l.get(j).get(k), l.get(i).get(j));
        }
      }
    }
    List<TaskFuture<DMatrixRMaj>> lower = new ArrayList<>();
    l.forEach(lower::addAll);
    List<DMatrixRMaj> done = tb.waitOn(lower);
    List<DMatrixRMaj> grid = new ArrayList<>();
    for (int i = 0, at = 0; i < nb; i++) {
      for (int j = 0; j < nb; j++) {
        grid.add(
            j <= i ? done.get(at++) : new DMatrixRMaj(blocks[i][j].numRows, blocks[i][j].numCols));
      }
    }
    return Blocks.join(grid, nb, nb);
  }
}
