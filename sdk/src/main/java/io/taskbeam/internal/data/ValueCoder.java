package io.taskbeam.internal.data;

import io.taskbeam.codec.DoubleArrays;
import io.taskbeam.codec.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * The coder of every task value: a tag byte, then a compact built-in encoding for primitive arrays,
 * boxed numbers, strings and lists of those; for a class with a registered {@link ValueCodec} (EJML
 * matrices from {@code taskbeam-matrix}, user types) the codec's id and its encoding; and Java
 * serialization as the explicit fallback for any other {@link Serializable} type, read back only
 * through {@link SerialAllowList}. Values of other types are rejected with {@link
 * NotSerializableException} naming the type.
 */
public final class ValueCoder extends AtomicCoder<Object> {
  private static final long serialVersionUID = 1L;
  private static final ValueCoder INSTANCE = new ValueCoder();

  private static final int NULL = 0;
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

  /** A value of a class with a registered {@link ValueCodec}: the codec's id, then its bytes. */
  private static final int CODEC = 16;

  public static ValueCoder of() {
    return INSTANCE;
  }

  /**
   * Encodes to a byte array. A value whose codec knows its size is encoded into an array of exactly
   * that size (the hot case: every block of a blocked product), without a stream that grows by
   * doubling and is copied once more at the end.
   */
  public static byte[] toBytes(Object value) throws IOException {
    if (value instanceof Integer v) {
      return tagged(INT, v, 4); // the scalars of tiny tasks, without a stream
    }
    if (value instanceof Long v) {
      return tagged(LONG, v, 8);
    }
    if (value instanceof Double v) {
      return tagged(DOUBLE, Double.doubleToLongBits(v), 8);
    }
    long size = encodedSizeIfKnown(value);
    if (size >= 0 && size <= Integer.MAX_VALUE - 16) {
      ExactBytes out = new ExactBytes((int) size);
      INSTANCE.encode(value, out);
      return out.bytes();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    INSTANCE.encode(value, bytes);
    return bytes.toByteArray();
  }

  /**
   * The length of {@code value}'s encoding when its codec knows it without encoding, else -1: such
   * a value can be encoded straight into its file.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static long encodedSizeIfKnown(Object value) {
    if (value == null) {
      return -1;
    }
    ValueCodec codec = Codecs.current().forType(value.getClass());
    if (codec == null) {
      return -1;
    }
    long size = codec.encodedSize(value);
    return size < 0 ? -1 : 1 + 2 + codec.id().getBytes(StandardCharsets.UTF_8).length + size;
  }

  /** Whether values of {@code type} have a registered codec. */
  public static boolean hasCodec(Class<?> type) {
    return Codecs.registered(type);
  }

  /** Decodes a byte array written by {@link #toBytes}; every call returns a fresh object. */
  public static Object fromBytes(byte[] bytes) throws IOException {
    // the scalars of tiny tasks, read in place: a DataInputStream allocates 160 bytes of buffers
    if (bytes.length == 5 && bytes[0] == INT) {
      return (int) bigEndian(bytes, 4);
    }
    if (bytes.length == 9 && bytes[0] == LONG) {
      return bigEndian(bytes, 8);
    }
    if (bytes.length == 9 && bytes[0] == DOUBLE) {
      return Double.longBitsToDouble(bigEndian(bytes, 8));
    }
    return INSTANCE.decode(new ByteArrayInputStream(bytes));
  }

  /** The tag, then the low {@code n} bytes of {@code v} big-endian, as DataOutputStream writes. */
  private static byte[] tagged(int tag, long v, int n) {
    byte[] bytes = new byte[1 + n];
    bytes[0] = (byte) tag;
    for (int i = n; i >= 1; i--, v >>>= 8) {
      bytes[i] = (byte) v;
    }
    return bytes;
  }

  /** The {@code n} bytes after the tag as a big-endian number, as DataOutputStream wrote them. */
  private static long bigEndian(byte[] bytes, int n) {
    long v = 0;
    for (int i = 1; i <= n; i++) {
      v = v << 8 | (bytes[i] & 0xFF);
    }
    return v;
  }

  /** A deep copy through the encoding, for values a task will modify in place. */
  public static Object copy(Object value) {
    try {
      return fromBytes(toBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy a " + value.getClass().getName(), e);
    }
  }

  /** An output stream into an array of the announced size, which it checks. */
  private static final class ExactBytes extends OutputStream {
    private final byte[] buf;
    private int at;

    ExactBytes(int size) {
      this.buf = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
      if (at == buf.length) {
        throw new IOException("a codec wrote more than the " + buf.length + " bytes it announced");
      }
      buf[at++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > buf.length - at) {
        throw new IOException("a codec wrote more than the " + buf.length + " bytes it announced");
      }
      System.arraycopy(b, off, buf, at, len);
      at += len;
    }

    byte[] bytes() throws IOException {
      if (at != buf.length) {
        throw new IOException(
            "a codec wrote " + at + " bytes, not the " + buf.length + " it announced");
      }
      return buf;
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void encode(Object value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    ValueCodec codec;
    if (value == null) {
      data.writeByte(NULL);
    } else if (value instanceof double[] a) {
      data.writeByte(DOUBLES);
      data.writeInt(a.length);
      data.flush();
      DoubleArrays.write(a, a.length, out);
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
      writeString(data, failed.file() == null ? "" : failed.file());
    } else if ((codec = Codecs.current().forType(value.getClass())) != null) {
      data.writeByte(CODEC);
      data.writeUTF(codec.id());
      codec.encode(value, data);
    } else if (value instanceof Serializable) {
      // the explicit fallback: Java serialization, read back with the worker's class loader
      data.writeByte(JAVA);
      SerialAllowList.declare(value.getClass()); // this program's own value: it may read it back
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
      case DOUBLES:
        {
          double[] a = new double[data.readInt()];
          DoubleArrays.read(data, a, a.length);
          return a;
        }
      case CODEC:
        {
          String id = data.readUTF();
          ValueCodec<?> codec = Codecs.current().forId(id);
          if (codec == null) {
            throw new IOException(
                "no value codec "
                    + id
                    + " is registered on this worker: put "
                    + "the jar that registers it (META-INF/services/"
                    + ValueCodec.class.getName()
                    + ") on its classpath");
          }
          return codec.decode(data);
        }
      case INTS:
        {
          int[] a = new int[data.readInt()];
          for (int i = 0; i < a.length; i++) {
            a[i] = data.readInt();
          }
          return a;
        }
      case LONGS:
        {
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
      case BYTES:
        {
          byte[] a = new byte[data.readInt()];
          data.readFully(a);
          return a;
        }
      case BOOLEAN:
        return data.readBoolean();
      case LIST:
        {
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
        {
          String task = readString(data);
          String message = readString(data);
          String file = readString(data);
          return new FailedValue(task, message, file.isEmpty() ? null : file);
        }
      case JAVA:
        {
          byte[] bytes = new byte[data.readInt()];
          data.readFully(bytes);
          try {
            return ContextObjectInputStream.readFiltered(bytes);
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
