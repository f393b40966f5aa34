package io.taskbeam.pipelines.matmul;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.matrix.MatrixMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Matrix Market dialects scipy writes, exact round trips, and malformed files. */
class MatrixMarketTest {
  @TempDir Path dir;

  private DMatrixRMaj parse(String text) throws Exception {
    Path file = dir.resolve("m.mtx");
    Files.writeString(file, text);
    return MatrixMarket.read(file);
  }

  /** Same shape and bit-identical values. */
  private static void assertSame(DMatrixRMaj actual, DMatrixRMaj expected) {
    assertThat(
        actual + " vs " + expected, MatrixFeatures_DDRM.isIdentical(actual, expected, 0), is(true));
  }

  private String error(String text) {
    return assertThrows(MatrixMarket.MatrixFileException.class, () -> parse(text))
        .getMessage()
        .replace(dir.resolve("m.mtx").toString(), "F");
  }

  @Test
  void arrayIsColumnMajor() throws Exception {
    DMatrixRMaj m =
        parse("%%MatrixMarket matrix array real general\n% comment\n2 3\n" + "1\n2\n3\n4\n5\n6\n");
    assertSame(m, new DMatrixRMaj(new double[][] {{1, 3, 5}, {2, 4, 6}}));
  }

  @Test
  void coordinateAndSymmetric() throws Exception {
    assertSame(
        parse("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2 7.5\n2 1 -1\n"),
        new DMatrixRMaj(new double[][] {{0, 7.5}, {-1, 0}}));
    assertSame(
        parse("%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n"),
        new DMatrixRMaj(new double[][] {{1, 2}, {2, 3}}));
  }

  @Test
  void writeThenReadIsExact() {
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{Math.PI, -1e-300}, {1.0 / 3, 6.02e23}});
    MatrixMarket.write(dir.resolve("x.mtx"), m);
    assertSame(MatrixMarket.read(dir.resolve("x.mtx")), m);
  }

  @Test
  void malformedFilesNameTheLine() {
    assertThat(
        error(""),
        is("matrix file F line 1: the file is empty; expected a " + "%%MatrixMarket header"));
    assertThat(
        error("hello\n"),
        is(
            "matrix file F line 1: expected '%%MatrixMarket matrix "
                + "<array|coordinate> real general', got 'hello'"));
    assertThat(
        error("%%MatrixMarket matrix array complex general\n"),
        is("matrix file F line " + "1: field 'complex' is not supported; use real or integer"));
    assertThat(
        error("%%MatrixMarket matrix array real general\n0 2\n"),
        is("matrix file F " + "line 2: the number of rows must be a positive integer, got '0'"));
    assertThat(
        error("%%MatrixMarket matrix array real general\n2 1\n1\n"),
        is("matrix file F " + "line 3: the file ends early: missing entry (2,1)"));
    assertThat(
        error("%%MatrixMarket matrix array real general\n1 1\n1\n2\n"),
        is("matrix file " + "F line 4: unexpected data after the last entry: '2'"));
    assertThat(
        error("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n"),
        is("matrix file F line 3: row index '3' is outside 1..2"));
  }
}
