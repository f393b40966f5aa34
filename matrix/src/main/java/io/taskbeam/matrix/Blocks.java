package io.taskbeam.matrix;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Cutting matrices into blocks and putting them back together. Sizes need not divide: the last
 * block of a row or column is smaller.
 */
public final class Blocks {
  private Blocks() {}

  /** How many blocks of {@code blockSize} cover {@code n}. */
  public static int count(int n, int blockSize) {
    return (n + blockSize - 1) / blockSize;
  }

  /** Consecutive bands of {@code blockSize} rows (the last may be shorter). */
  public static List<DMatrixRMaj> rowBlocks(DMatrixRMaj a, int blockSize) {
    List<DMatrixRMaj> bands = new ArrayList<>();
    for (int r = 0; r < a.numRows; r += blockSize) {
      bands.add(CommonOps_DDRM.extract(a, r, Math.min(r + blockSize, a.numRows), 0, a.numCols));
    }
    return bands;
  }

  /** Stacks row bands vertically; the inverse of {@link #rowBlocks}. */
  public static DMatrixRMaj stackRows(List<DMatrixRMaj> bands) {
    int rows = bands.stream().mapToInt(b -> b.numRows).sum();
    DMatrixRMaj out = new DMatrixRMaj(rows, bands.get(0).numCols);
    int r = 0;
    for (DMatrixRMaj band : bands) {
      CommonOps_DDRM.insert(band, out, r, 0);
      r += band.numRows;
    }
    return out;
  }

  /** The block grid: {@code grid[i][j]} covers rows {@code i*blockSize...}, columns likewise. */
  public static DMatrixRMaj[][] split(DMatrixRMaj a, int blockSize) {
    int gr = count(a.numRows, blockSize);
    int gc = count(a.numCols, blockSize);
    DMatrixRMaj[][] grid = new DMatrixRMaj[gr][gc];
    for (int i = 0; i < gr; i++) {
      for (int j = 0; j < gc; j++) {
        grid[i][j] =
            CommonOps_DDRM.extract(
                a,
                i * blockSize,
                Math.min((i + 1) * blockSize, a.numRows),
                j * blockSize,
                Math.min((j + 1) * blockSize, a.numCols));
      }
    }
    return grid;
  }

  /** Joins blocks given in row-major order on a {@code gridRows} x {@code gridCols} grid. */
  public static DMatrixRMaj join(List<DMatrixRMaj> blocks, int gridRows, int gridCols) {
    if (blocks.size() != gridRows * gridCols) {
      throw new IllegalArgumentException(
          blocks.size() + " blocks do not fill a " + gridRows + "x" + gridCols + " grid");
    }
    int rows = 0;
    for (int i = 0; i < gridRows; i++) {
      rows += blocks.get(i * gridCols).numRows;
    }
    int cols = 0;
    for (int j = 0; j < gridCols; j++) {
      cols += blocks.get(j).numCols;
    }
    DMatrixRMaj out = new DMatrixRMaj(rows, cols);
    int r = 0;
    for (int i = 0; i < gridRows; i++) {
      int c = 0;
      for (int j = 0; j < gridCols; j++) {
        DMatrixRMaj block = blocks.get(i * gridCols + j);
        CommonOps_DDRM.insert(block, out, r, c);
        c += block.numCols;
      }
      r += blocks.get(i * gridCols).numRows;
    }
    return out;
  }
}
