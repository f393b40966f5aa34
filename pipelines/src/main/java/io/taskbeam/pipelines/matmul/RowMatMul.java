package io.taskbeam.pipelines.matmul;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.matrix.Blocks;
import io.taskbeam.matrix.Gemm;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** C = A x B as in the PyCOMPSs seed: one task per band of rows of A; B is shared by all. */
public final class RowMatMul {
  @Task
  static DMatrixRMaj multiplyRows(DMatrixRMaj rows, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(rows.numRows, b.numCols);
    Gemm.mult(rows, b, c);
    return c;
  }

  public static DMatrixRMaj multiply(TaskBeam tb, DMatrixRMaj a, DMatrixRMaj b, int blockSize) {
    List<TaskFuture<DMatrixRMaj>> bands = new ArrayList<>();
    for (DMatrixRMaj rows : Blocks.rowBlocks(a, blockSize)) {
      bands.add(tb.submit(RowMatMul::multiplyRows, rows, b));
    }
    return Blocks.stackRows(tb.waitOn(bands));
  }
}
