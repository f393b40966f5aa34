package io.taskbeam.matrix;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.ejml.data.DMatrixRMaj;

/**
 * A Beam coder for EJML dense matrices: rows, columns, then the raw doubles, copied in bulk (no
 * Java serialization). A 1024x1024 matrix encodes to 8 MiB plus 8 bytes.
 */
public final class MatrixCoder extends AtomicCoder<DMatrixRMaj> {
  private static final long serialVersionUID = 1L;
  private static final MatrixCoder INSTANCE = new MatrixCoder();
  /** Doubles copied per bulk step: bounds the scratch buffer at 512 KiB for any matrix size. */
  private static final int STEP = 64 * 1024;

  public static MatrixCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DMatrixRMaj value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(value.numRows);
    data.writeInt(value.numCols);
    data.flush();
    writeDoubles(value.data, value.numRows * value.numCols, out);
  }

  @Override
  public DMatrixRMaj decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int rows = data.readInt();
    int cols = data.readInt();
    if (rows < 0 || cols < 0) {
      throw new IOException("corrupt matrix header: " + rows + "x" + cols);
    }
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    readDoubles(data, m.data, rows * cols);
    return m;
  }

  @Override
  public void verifyDeterministic() {}

  /** Writes the first {@code length} values big-endian, in bulk. */
  public static void writeDoubles(double[] values, int length, OutputStream out)
      throws IOException {
    byte[] scratch = new byte[Math.min(length, STEP) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(scratch).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
    for (int from = 0; from < length; from += STEP) {
      int count = Math.min(STEP, length - from);
      view.clear();
      view.put(values, from, count);
      out.write(scratch, 0, count * Double.BYTES);
    }
  }

  /** Reads {@code length} big-endian values into {@code values}, in bulk. */
  public static void readDoubles(DataInputStream in, double[] values, int length)
      throws IOException {
    byte[] scratch = new byte[Math.min(length, STEP) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(scratch).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
    for (int from = 0; from < length; from += STEP) {
      int count = Math.min(STEP, length - from);
      in.readFully(scratch, 0, count * Double.BYTES);
      view.clear();
      view.get(values, from, count);
    }
  }
}
