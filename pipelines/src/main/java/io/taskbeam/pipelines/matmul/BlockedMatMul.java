package io.taskbeam.pipelines.matmul;

import static io.taskbeam.Direction.COMMUTATIVE;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFn;
import io.taskbeam.TaskFuture;
import io.taskbeam.matrix.Blocks;
import io.taskbeam.matrix.Gemm;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * C = A x B on blocks, as the COMPSs matmul: {@code C[i][j] += A[i][k] x B[k][j]} for every k,
 * either as an INOUT chain per block of C or as COMMUTATIVE updates that may run in any order.
 */
public final class BlockedMatMul {
  @Task
  static void multiplyAccumulate(DMatrixRMaj a, DMatrixRMaj b, @Param(INOUT) DMatrixRMaj c) {
    Gemm.multAdd(a, b, c);
  }

  @Task
  static void multiplyAdd(DMatrixRMaj a, DMatrixRMaj b, @Param(COMMUTATIVE) DMatrixRMaj c) {
    Gemm.multAdd(a, b, c);
  }

  public static DMatrixRMaj multiply(
      TaskBeam tb, DMatrixRMaj a, DMatrixRMaj b, int blockSize, boolean commutative) {
    DMatrixRMaj[][] blocksA = Blocks.split(a, blockSize);
    DMatrixRMaj[][] blocksB = Blocks.split(b, blockSize);
    List<TaskFuture<DMatrixRMaj>> blocksC = new ArrayList<>();
    TaskFn.V3<DMatrixRMaj, DMatrixRMaj, DMatrixRMaj> update =
        commutative ? BlockedMatMul::multiplyAdd : BlockedMatMul::multiplyAccumulate;
    for (DMatrixRMaj[] rowA : blocksA) {
      for (int j = 0; j < blocksB[0].length; j++) {
        TaskFuture<DMatrixRMaj> c = tb.put(new DMatrixRMaj(rowA[0].numRows, blocksB[0][j].numCols));
        for (int k = 0; k < blocksB.length; k++) {
          tb.submit(update, rowA[k], blocksB[k][j], c);
        }
        blocksC.add(c);
      }
    }
    return Blocks.join(tb.waitOn(blocksC), blocksA.length, blocksB[0].length);
  }
}
