package io.taskbeam.matrix;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.spi.StoredValues;
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

/**
 * EJML matrices travel through the codec this module registers, found by taskbeam's value coder
 * through META-INF/services; both ways of encoding (array and stream) agree.
 */
class MatrixCodecTest {
  /** Tag byte, the codec id ("org.ejml.data.DMatrixRMaj" as modified UTF-8), kind, rows, cols. */
  private static final int HEADER = 1 + 2 + 25 + 1 + 8;

  private static byte[] streamed(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredValues.encode(value, out);
    return out.toByteArray();
  }

  private static Object unstreamed(byte[] bytes) throws IOException {
    return StoredValues.decode(new ByteArrayInputStream(bytes));
  }

  @Test
  void matricesEncodeTheSameWayByArrayAndByStream() throws Exception {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(37, 19, -1, 1, new Random(3));
    byte[] array = StoredValues.toBytes(m);
    assertThat(array, equalTo(streamed(m)));
    assertThat(array.length, is(HEADER + 37 * 19 * 8));
    assertThat(StoredValues.encodedSizeIfKnown(m), is((long) array.length));
    for (Object back : List.of(StoredValues.fromBytes(array), unstreamed(array))) {
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
    byte[] array = StoredValues.toBytes(zeros);
    assertThat(array, equalTo(streamed(zeros)));
    assertThat(array.length, is(HEADER));
    assertThat(array.length, lessThan(40));
    DMatrixRMaj back = (DMatrixRMaj) StoredValues.fromBytes(array);
    assertThat(back.numRows, is(768));
    assertThat(back.numCols, is(512));
    assertThat(Arrays.stream(back.data).allMatch(d -> d == 0.0), is(true));
    assertThat(((DMatrixRMaj) unstreamed(array)).numCols, is(512));
  }

  @Test
  void negativeZeroIsNotTakenForZero() throws Exception {
    DMatrixRMaj m = new DMatrixRMaj(4, 4);
    m.set(2, 3, -0.0);
    DMatrixRMaj back = (DMatrixRMaj) StoredValues.fromBytes(StoredValues.toBytes(m));
    assertThat(Double.doubleToRawLongBits(back.get(2, 3)), is(Double.doubleToRawLongBits(-0.0)));
    assertThat(StoredValues.toBytes(m).length, is(HEADER + 16 * 8));
  }

  @Test
  void matricesInsideListsRoundTrip() throws Exception {
    List<Object> list = new ArrayList<>(List.of(1, "two", new DMatrixRMaj(2, 2)));
    List<?> got = (List<?>) StoredValues.fromBytes(StoredValues.toBytes(list));
    assertThat(got.get(0), equalTo(1));
    assertThat(got.get(1), equalTo("two"));
    assertThat(((DMatrixRMaj) got.get(2)).numRows, is(2));
  }

  @Test
  void aMatrixHasACodecSoTasksMayTakeIt() {
    assertThat(StoredValues.hasCodec(DMatrixRMaj.class), is(true));
  }

  @Test
  void aTruncatedMatrixIsReportedAsCorrupt() throws Exception {
    byte[] bytes = StoredValues.toBytes(RandomMatrices_DDRM.rectangle(3, 3, new Random(1)));
    assertThrows(
        java.io.EOFException.class,
        () -> StoredValues.fromBytes(Arrays.copyOf(bytes, bytes.length - 8)));
    byte[] header = Arrays.copyOf(bytes, HEADER);
    header[HEADER - 8] = (byte) 0xff; // rows < 0
    IOException e = assertThrows(IOException.class, () -> StoredValues.fromBytes(header));
    assertThat(e.getMessage(), containsString("corrupt matrix header"));
  }
}
