package io.taskbeam.internal.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

/** Every value survives both ways of encoding (array and stream), and each reads the other's. */
class ValueCoderTest {
  private static byte[] streamed(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ValueCoder.of().encode(value, out);
    return out.toByteArray();
  }

  private static Object unstreamed(byte[] bytes) throws IOException {
    return ValueCoder.of().decode(new ByteArrayInputStream(bytes));
  }

  @Test
  void matricesEncodeTheSameWayByArrayAndByStream() throws Exception {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(37, 19, -1, 1, new Random(3));
    byte[] array = ValueCoder.toBytes(m);
    assertThat(array, equalTo(streamed(m)));
    assertThat(array.length, is(1 + 8 + 37 * 19 * 8));
    for (Object back : List.of(ValueCoder.fromBytes(array), unstreamed(array))) {
      DMatrixRMaj copy = (DMatrixRMaj) back;
      assertThat(copy.numRows, is(37));
      assertThat(copy.numCols, is(19));
      assertThat(Arrays.equals(copy.data, 0, 37 * 19, m.data, 0, 37 * 19), is(true));
      assertThat(copy, not(sameInstance(m)));
    }
  }

  @Test
  void aZeroMatrixEncodesAsItsShapeOnly() throws Exception {
    DMatrixRMaj zeros = new DMatrixRMaj(768, 512);
    byte[] array = ValueCoder.toBytes(zeros);
    assertThat(array, equalTo(streamed(zeros)));
    assertThat(array.length, lessThan(16));
    DMatrixRMaj back = (DMatrixRMaj) ValueCoder.fromBytes(array);
    assertThat(back.numRows, is(768));
    assertThat(back.numCols, is(512));
    assertThat(Arrays.stream(back.data).allMatch(d -> d == 0.0), is(true));
    assertThat(((DMatrixRMaj) unstreamed(array)).numCols, is(512));
  }

  @Test
  void negativeZeroIsNotTakenForZero() throws Exception {
    DMatrixRMaj m = new DMatrixRMaj(4, 4);
    m.set(2, 3, -0.0);
    DMatrixRMaj back = (DMatrixRMaj) ValueCoder.fromBytes(ValueCoder.toBytes(m));
    assertThat(Double.doubleToRawLongBits(back.get(2, 3)),
        is(Double.doubleToRawLongBits(-0.0)));
    assertThat(ValueCoder.toBytes(m).length, is(1 + 8 + 16 * 8));
  }

  @Test
  void otherTypesRoundTrip() throws Exception {
    List<Object> values = new ArrayList<>(List.of(42, 7L, 2.5, "text", true,
        new StoredRef("/work/x.bin", "d1v2")));
    values.add(new ArrayList<>(List.of(1, "two", new DMatrixRMaj(2, 2))));
    for (Object v : values) {
      Object back = ValueCoder.fromBytes(ValueCoder.toBytes(v));
      if (v instanceof ArrayList<?> list) {
        List<?> got = (List<?>) back;
        assertThat(got.get(0), equalTo(list.get(0)));
        assertThat(got.get(1), equalTo(list.get(1)));
        assertThat(((DMatrixRMaj) got.get(2)).numRows, is(2));
      } else {
        assertThat(back, equalTo(v));
      }
    }
    double[] doubles = {1, -0.0, Double.NaN};
    assertThat(Arrays.equals((double[]) ValueCoder.fromBytes(ValueCoder.toBytes(doubles)),
        doubles), is(true));
    assertThat(ValueCoder.fromBytes(ValueCoder.toBytes(null)), is((Object) null));
  }

  @Test
  void aTruncatedMatrixIsReportedAsCorrupt() throws Exception {
    byte[] bytes = ValueCoder.toBytes(RandomMatrices_DDRM.rectangle(3, 3, new Random(1)));
    IOException e = assertThrows(IOException.class,
        () -> ValueCoder.fromBytes(Arrays.copyOf(bytes, bytes.length - 8)));
    assertThat(e.getMessage(), containsString("corrupt matrix: 3x3"));
  }
}
