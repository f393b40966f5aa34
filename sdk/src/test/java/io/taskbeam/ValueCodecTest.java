package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.PointCodec.Point;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.ValueCoder;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value codecs: built-in types, a user codec registered through META-INF/services (carrying a type
 * that is not Serializable, through a real task), Java serialization as the fallback.
 */
class ValueCodecTest {
  @TempDir Path work;

  @Task
  static Point shift(Point p, double dx) {
    return new Point(p.x() + dx, p.y());
  }

  @Test
  void builtInTypesRoundTrip() throws Exception {
    List<Object> values =
        new ArrayList<>(
            List.of(
                42,
                -1,
                Integer.MIN_VALUE,
                Integer.MAX_VALUE,
                7L,
                Long.MIN_VALUE,
                -3L,
                2.5,
                -0.0,
                Double.NaN,
                "text",
                true,
                new StoredRef("/work/x.bin", "d1v2"),
                new ArrayList<>(List.of(1, "two"))));
    for (Object v : values) {
      assertThat(ValueCoder.fromBytes(ValueCoder.toBytes(v)), equalTo(v));
      // the scalars' short cuts write and read exactly the stream encoding
      java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
      ValueCoder.of().encode(v, stream);
      assertThat(
          String.valueOf(v), Arrays.equals(ValueCoder.toBytes(v), stream.toByteArray()), is(true));
      assertThat(
          ValueCoder.of().decode(new java.io.ByteArrayInputStream(ValueCoder.toBytes(v))),
          equalTo(v));
    }
    double[] doubles = {1, -0.0, Double.NaN};
    assertThat(
        Arrays.equals((double[]) ValueCoder.fromBytes(ValueCoder.toBytes(doubles)), doubles),
        is(true));
    assertThat(ValueCoder.fromBytes(ValueCoder.toBytes(null)), is((Object) null));
  }

  @Test
  void aRegisteredCodecEncodesItsTypeWithItsId() throws Exception {
    byte[] bytes = ValueCoder.toBytes(new Point(1.5, -2));
    assertThat(bytes.length, is(1 + 2 + "test.Point".length() + 16));
    assertThat(new String(bytes, 3, 10, StandardCharsets.UTF_8), equalTo("test.Point"));
    assertThat(ValueCoder.encodedSizeIfKnown(new Point(0, 0)), is((long) bytes.length));
    assertThat(ValueCoder.fromBytes(bytes), equalTo(new Point(1.5, -2)));
    assertThat(ValueCoder.hasCodec(Point.class), is(true));
  }

  @Test
  void anUnknownCodecIdNamesTheMissingJar() throws Exception {
    byte[] bytes = ValueCoder.toBytes(new Point(1, 2));
    bytes[3] = 'b'; // "best.Point"
    IOException e = assertThrows(IOException.class, () -> ValueCoder.fromBytes(bytes));
    assertThat(
        e.getMessage(),
        containsString(
            "no value codec best.Point is registered on this "
                + "worker: put the jar that registers it (META-INF/services/io.taskbeam.codec.ValueCodec)"
                + " on its classpath"));
  }

  @Test
  void javaSerializationIsTheFallbackForOtherSerializableTypes() throws Exception {
    java.util.TreeMap<String, Integer> map = new java.util.TreeMap<>(java.util.Map.of("a", 1));
    byte[] bytes = ValueCoder.toBytes(map);
    assertThat(bytes[0], is((byte) 14));
    assertThat(ValueCoder.fromBytes(bytes), equalTo(map));
    assertThrows(NotSerializableException.class, () -> ValueCoder.toBytes(new Object()));
  }

  @Test
  void aTaskTakesAndReturnsATypeOnlyItsCodecCarries() {
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner", "--parallelism=2", "--workDir=" + work, "--observe=false")) {
      TaskFuture<Point> p = tb.submit(ValueCodecTest::shift, new Point(1, 2), 0.5);
      TaskFuture<Point> q = tb.submit(ValueCodecTest::shift, p, 1.0);
      assertThat(tb.waitOn(q), equalTo(new Point(2.5, 2)));
    }
  }
}
