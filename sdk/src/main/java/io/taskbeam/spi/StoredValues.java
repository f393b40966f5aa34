package io.taskbeam.spi;

import io.taskbeam.internal.data.ContextObjectInputStream;
import io.taskbeam.internal.data.SerialAllowList;
import io.taskbeam.internal.data.ValueCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;

/**
 * The bytes a value becomes in the data store (a tag, then the value or its codec's encoding), for
 * taskbeam modules that test or measure that format without a session: the matrix module's codec
 * tests check how a matrix is stored, the benchmarks time the decode. A program never needs it:
 * values reach tasks through {@code TaskBeam}.
 */
public final class StoredValues {
  private StoredValues() {}

  /** The stored bytes of {@code value}, in one array of exactly their length. */
  public static byte[] toBytes(Object value) throws IOException {
    return ValueCoder.toBytes(value);
  }

  /** The value {@link #toBytes} stored; every call returns a fresh object. */
  public static Object fromBytes(byte[] bytes) throws IOException {
    return ValueCoder.fromBytes(bytes);
  }

  /** Writes the stored bytes of {@code value} to {@code out} (as a work file holds them). */
  public static void encode(Object value, OutputStream out) throws IOException {
    ValueCoder.of().encode(value, out);
  }

  /** Reads one value {@link #encode} wrote. */
  public static Object decode(InputStream in) throws IOException {
    return ValueCoder.of().decode(in);
  }

  /** The length of {@code value}'s stored bytes when its codec knows it up front, else -1. */
  public static long encodedSizeIfKnown(Object value) {
    return ValueCoder.encodedSizeIfKnown(value);
  }

  /** Whether values of {@code type} have a registered {@link io.taskbeam.codec.ValueCodec}. */
  public static boolean hasCodec(Class<?> type) {
    return ValueCoder.hasCodec(type);
  }

  /**
   * Allows Java deserialization of the classes in {@code task}'s signature, as submitting that task
   * would: values without a codec are read back only through this allow-list.
   */
  public static void allowTypesOf(Method task) {
    SerialAllowList.declare(task);
  }

  /** Reads a Java-serialized value through the allow-list, as a worker reads one. */
  public static Object readJavaSerialized(byte[] bytes) throws IOException, ClassNotFoundException {
    return ContextObjectInputStream.readFiltered(bytes);
  }
}
