package io.taskbeam.internal.data;

import io.taskbeam.matrix.MatrixCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.ejml.data.DMatrixRMaj;

/**
 * The coder of every task value: a tag byte, then a compact encoding for the types tasks use
 * most (EJML matrices, primitive arrays, boxed numbers, strings, lists of those) and Java
 * serialization for any other {@link Serializable} type. Values of other types are rejected with
 * {@link NotSerializableException} naming the type.
 */
public final class ValueCoder extends AtomicCoder<Object> {
  private static final long serialVersionUID = 1L;
  private static final ValueCoder INSTANCE = new ValueCoder();

  private static final int NULL = 0;
  private static final int MATRIX = 1;
  private static final int DOUBLES = 2;
  private static final int INTS = 3;
  private static final int LONGS = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int DOUBLE = 7;
  private static final int STRING = 8;
  private static final int BYTES = 9;
  private static final int BOOLEAN = 10;
  private static final int LIST = 11;
  private static final int STORED = 12;
  private static final int FAILED = 13;
  private static final int JAVA = 14;
  /** A matrix of zeros (a fresh accumulator block): its shape only. */
  private static final int ZERO_MATRIX = 15;

  public static ValueCoder of() {
    return INSTANCE;
  }

  /** Encodes to a byte array. */
  public static byte[] toBytes(Object value) throws IOException {
    if (value instanceof DMatrixRMaj m) {
      // the hot case (every block of a blocked product): one exact-size array, one bulk copy,
      // instead of a stream that grows by doubling and is copied once more at the end; the
      // same bytes as encode(), with the zero test made once
      boolean zero = isZero(m);
      int n = zero ? 0 : m.numRows * m.numCols;
      byte[] out = new byte[1 + 2 * Integer.BYTES + n * Double.BYTES];
      ByteBuffer buf = ByteBuffer.wrap(out).put((byte) (zero ? ZERO_MATRIX : MATRIX))
          .putInt(m.numRows).putInt(m.numCols);
      buf.asDoubleBuffer().put(m.data, 0, n);
      return out;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    INSTANCE.encode(value, bytes);
    return bytes.toByteArray();
  }

  /** The length of a matrix's encoding (its shape only when every entry is +0.0). */
  public static long encodedSize(DMatrixRMaj m) {
    return 1 + 2 * Integer.BYTES + (isZero(m) ? 0 : (long) m.numRows * m.numCols * Double.BYTES);
  }

  /**
   * The length of {@code value}'s encoding when it is known without encoding it (a matrix), else
   * -1: such a value can be encoded straight into its file.
   */
  public static long encodedSizeIfKnown(Object value) {
    return value instanceof DMatrixRMaj m ? encodedSize(m) : -1;
  }

  /** Decodes a byte array written by {@link #toBytes}; every call returns a fresh object. */
  public static Object fromBytes(byte[] bytes) throws IOException {
    if (bytes.length >= 1 + 2 * Integer.BYTES && bytes[0] == MATRIX) {
      ByteBuffer buf = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
      int rows = buf.getInt();
      int cols = buf.getInt();
      if (rows < 0 || cols < 0 || (long) rows * cols * Double.BYTES != buf.remaining()) {
        throw new IOException("corrupt matrix: " + rows + "x" + cols + " in "
            + bytes.length + " bytes");
      }
      DMatrixRMaj m = new DMatrixRMaj(rows, cols);
      buf.asDoubleBuffer().get(m.data, 0, rows * cols);
      return m;
    }
    return INSTANCE.decode(new ByteArrayInputStream(bytes));
  }

  /** A deep copy through the encoding, for values a task will modify in place. */
  public static Object copy(Object value) {
    try {
      return fromBytes(toBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy a " + value.getClass().getName(), e);
    }
  }

  /**
   * True when every entry is +0.0 (bitwise, so -0.0 and NaN keep their bits): such a matrix
   * encodes as its shape. Scanning costs far less than writing and reading the zeros.
   */
  private static boolean isZero(DMatrixRMaj m) {
    double[] d = m.data;
    for (int i = 0, n = m.numRows * m.numCols; i < n; i++) {
      if (Double.doubleToRawLongBits(d[i]) != 0L) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void encode(Object value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    if (value == null) {
      data.writeByte(NULL);
    } else if (value instanceof DMatrixRMaj m && isZero(m)) {
      data.writeByte(ZERO_MATRIX);
      data.writeInt(m.numRows);
      data.writeInt(m.numCols);
    } else if (value instanceof DMatrixRMaj m) {
      data.writeByte(MATRIX);
      data.flush();
      MatrixCoder.of().encode(m, out);
      return;
    } else if (value instanceof double[] a) {
      data.writeByte(DOUBLES);
      data.writeInt(a.length);
      data.flush();
      MatrixCoder.writeDoubles(a, a.length, out);
      return;
    } else if (value instanceof int[] a) {
      data.writeByte(INTS);
      data.writeInt(a.length);
      for (int v : a) {
        data.writeInt(v);
      }
    } else if (value instanceof long[] a) {
      data.writeByte(LONGS);
      data.writeInt(a.length);
      for (long v : a) {
        data.writeLong(v);
      }
    } else if (value instanceof Integer v) {
      data.writeByte(INT);
      data.writeInt(v);
    } else if (value instanceof Long v) {
      data.writeByte(LONG);
      data.writeLong(v);
    } else if (value instanceof Double v) {
      data.writeByte(DOUBLE);
      data.writeDouble(v);
    } else if (value instanceof String s) {
      data.writeByte(STRING);
      writeString(data, s);
    } else if (value instanceof byte[] a) {
      data.writeByte(BYTES);
      data.writeInt(a.length);
      data.write(a);
    } else if (value instanceof Boolean b) {
      data.writeByte(BOOLEAN);
      data.writeBoolean(b);
    } else if (value instanceof ArrayList<?> list) {
      data.writeByte(LIST);
      data.writeInt(list.size());
      data.flush();
      for (Object element : list) {
        encode(element, out);
      }
      return;
    } else if (value instanceof StoredRef ref) {
      data.writeByte(STORED);
      writeString(data, ref.path());
      writeString(data, ref.key());
    } else if (value instanceof FailedValue failed) {
      data.writeByte(FAILED);
      writeString(data, failed.failedTask());
      writeString(data, failed.message());
    } else if (value instanceof Serializable) {
      data.writeByte(JAVA);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
        objects.writeObject(value);
      }
      data.writeInt(bytes.size());
      bytes.writeTo(data);
    } else {
      throw new NotSerializableException(value.getClass().getName());
    }
    data.flush();
  }

  @Override
  public Object decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int tag = data.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case MATRIX:
        return MatrixCoder.of().decode(data);
      case ZERO_MATRIX: {
        int rows = data.readInt();
        int cols = data.readInt();
        if (rows < 0 || cols < 0) {
          throw new IOException("corrupt matrix header: " + rows + "x" + cols);
        }
        return new DMatrixRMaj(rows, cols);
      }
      case DOUBLES: {
        double[] a = new double[data.readInt()];
        MatrixCoder.readDoubles(data, a, a.length);
        return a;
      }
      case INTS: {
        int[] a = new int[data.readInt()];
        for (int i = 0; i < a.length; i++) {
          a[i] = data.readInt();
        }
        return a;
      }
      case LONGS: {
        long[] a = new long[data.readInt()];
        for (int i = 0; i < a.length; i++) {
          a[i] = data.readLong();
        }
        return a;
      }
      case INT:
        return data.readInt();
      case LONG:
        return data.readLong();
      case DOUBLE:
        return data.readDouble();
      case STRING:
        return readString(data);
      case BYTES: {
        byte[] a = new byte[data.readInt()];
        data.readFully(a);
        return a;
      }
      case BOOLEAN:
        return data.readBoolean();
      case LIST: {
        int size = data.readInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(decode(data));
        }
        return list;
      }
      case STORED:
        return new StoredRef(readString(data), readString(data));
      case FAILED:
        return new FailedValue(readString(data), readString(data));
      case JAVA: {
        byte[] bytes = new byte[data.readInt()];
        data.readFully(bytes);
        try (ObjectInputStream objects = new ContextObjectInputStream(bytes)) {
          return objects.readObject();
        } catch (ClassNotFoundException e) {
          throw new IOException("class of a task value is not on this worker's classpath", e);
        }
      }
      default:
        throw new IOException("corrupt task value: unknown tag " + tag);
    }
  }

  @Override
  public void verifyDeterministic() {}

  private static void writeString(DataOutputStream data, String s) throws IOException {
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    data.writeInt(utf8.length);
    data.write(utf8);
  }

  private static String readString(DataInputStream data) throws IOException {
    byte[] utf8 = new byte[data.readInt()];
    data.readFully(utf8);
    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }
}
