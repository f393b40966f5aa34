package io.taskbeam;

import io.taskbeam.codec.ValueCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A user codec, registered in src/test/resources/META-INF/services: {@link Point} is not
 * Serializable.
 */
public final class PointCodec implements ValueCodec<PointCodec.Point> {
  /** A user type that only a codec can carry. */
  public record Point(double x, double y) {}

  /** ServiceLoader creates it. */
  public PointCodec() {}

  @Override
  public Class<Point> type() {
    return Point.class;
  }

  @Override
  public String id() {
    return "test.Point";
  }

  @Override
  public long encodedSize(Point p) {
    return 2 * Double.BYTES;
  }

  @Override
  public void encode(Point p, DataOutputStream out) throws IOException {
    out.writeDouble(p.x());
    out.writeDouble(p.y());
  }

  @Override
  public Point decode(DataInputStream in) throws IOException {
    return new Point(in.readDouble(), in.readDouble());
  }
}
