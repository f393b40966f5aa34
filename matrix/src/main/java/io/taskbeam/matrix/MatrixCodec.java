package io.taskbeam.matrix;

import io.taskbeam.codec.DoubleArrays;
import io.taskbeam.codec.ValueCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;

/**
 * taskbeam's codec for EJML dense matrices, registered through {@code
 * META-INF/services/io.taskbeam.codec.ValueCodec}: a kind byte, rows, columns, then the raw doubles
 * copied in bulk. A matrix of zeros (a fresh accumulator block) travels as its shape only; zero
 * means +0.0 bitwise, so -0.0 and NaN keep their bits.
 */
public final class MatrixCodec implements ValueCodec<DMatrixRMaj> {
  private static final int ZEROS = 0;
  private static final int DENSE = 1;

  @Override
  public Class<DMatrixRMaj> type() {
    return DMatrixRMaj.class;
  }

  @Override
  public String id() {
    return "org.ejml.data.DMatrixRMaj";
  }

  @Override
  public long encodedSize(DMatrixRMaj m) {
    return 1 + 2 * Integer.BYTES + (isZero(m) ? 0 : (long) m.numRows * m.numCols * Double.BYTES);
  }

  @Override
  public void encode(DMatrixRMaj m, DataOutputStream out) throws IOException {
    boolean zero = isZero(m);
    out.writeByte(zero ? ZEROS : DENSE);
    out.writeInt(m.numRows);
    out.writeInt(m.numCols);
    if (!zero) {
      out.flush();
      DoubleArrays.write(m.data, m.numRows * m.numCols, out);
    }
  }

  @Override
  public DMatrixRMaj decode(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    int rows = in.readInt();
    int cols = in.readInt();
    if (kind > DENSE || rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
      throw new IOException("corrupt matrix header: kind " + kind + ", " + rows + "x" + cols);
    }
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    if (kind == DENSE) {
      DoubleArrays.read(in, m.data, rows * cols);
    }
    return m;
  }

  /** True when every entry is +0.0: scanning costs far less than writing and reading zeros. */
  private static boolean isZero(DMatrixRMaj m) {
    double[] d = m.data;
    for (int i = 0, n = m.numRows * m.numCols; i < n; i++) {
      if (Double.doubleToRawLongBits(d[i]) != 0L) {
        return false;
      }
    }
    return true;
  }
}
