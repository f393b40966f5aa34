package io.taskbeam.codec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How values of one class travel between driver and workers, in the spirit of Beam's {@code
 * CoderRegistry}: taskbeam encodes every task value with the codec registered for its exact class,
 * and falls back to Java serialization, explicitly, for other {@link java.io.Serializable} types.
 * Primitive arrays, boxed numbers, strings and lists of those have built-in codecs.
 *
 * <p>A codec is registered by listing its class in {@code
 * META-INF/services/io.taskbeam.codec.ValueCodec} of the jar that holds it, so the driver and every
 * worker that has the jar find it (the {@code taskbeam-matrix} module registers EJML's {@code
 * DMatrixRMaj} this way). A codec needs a public no-argument constructor.
 *
 * <pre>{@code
 * public final class PointCodec implements ValueCodec<Point> {
 *   public Class<Point> type() { return Point.class; }
 *   public String id() { return "com.example.Point"; }
 *   public void encode(Point p, DataOutputStream out) throws IOException {
 *     out.writeDouble(p.x());
 *     out.writeDouble(p.y());
 *   }
 *   public Point decode(DataInputStream in) throws IOException {
 *     return new Point(in.readDouble(), in.readDouble());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the class encoded
 */
public interface ValueCodec<T> {
  /** The exact class this codec encodes (subclasses are not matched). */
  Class<T> type();

  /**
   * A stable name written with every encoded value, so a reader finds the same codec: keep it when
   * the codec class moves. Conventionally the encoded class's name.
   */
  String id();

  /** Writes {@code value}; {@link #decode} must read back exactly these bytes. */
  void encode(T value, DataOutputStream out) throws IOException;

  /** Reads a value written by {@link #encode}; every call returns a fresh object. */
  T decode(DataInputStream in) throws IOException;

  /**
   * The number of bytes {@link #encode} writes for {@code value}, when known without encoding it,
   * else -1. A large value of known size is streamed straight into its file.
   */
  default long encodedSize(T value) {
    return -1;
  }
}
