package io.taskbeam.matrix;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The block kernel against EJML's product on odd shapes, on the pure-Java BLAS always and on the
 * native one when this machine has it ({@code libopenblas0-pthread}).
 */
class GemmTest {
  /** m x k times k x n shapes that catch swapped leading dimensions or transposes. */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {1, 7, 1}, {7, 1, 5}, {3, 5, 7}, {37, 19, 1}, {130, 67, 129}, {257, 255, 33}
  };

  @Test
  void javaKernelMatchesEjmlOnOddShapes() {
    checkShapes(JavaBLAS.getInstance());
  }

  @Test
  void defaultKernelMatchesEjmlOnOddShapes() {
    checkShapes(null); // sanity: the reference against itself through product()
    Random random = new Random(3);
    for (int[] s : SHAPES) {
      DMatrixRMaj a = RandomMatrices_DDRM.rectangle(s[0], s[1], -1, 1, random);
      DMatrixRMaj b = RandomMatrices_DDRM.rectangle(s[1], s[2], -1, 1, random);
      DMatrixRMaj c = RandomMatrices_DDRM.rectangle(s[0], s[2], -1, 1, random);
      DMatrixRMaj expected = c.copy();
      CommonOps_DDRM.multAdd(a, b, expected);
      Gemm.multAdd(a, b, c);
      assertClose(c, expected, shape(s) + " with " + Gemm.kernelName());
    }
  }

  @Test
  void nativeKernelMatchesEjmlOnOddShapes() {
    assumeTrue(Gemm.isNative(), "no native BLAS here: " + Gemm.kernelName());
    checkShapes(dev.ludovic.netlib.blas.NativeBLAS.getInstance());
  }

  @Test
  void kernelNameSaysWhichKernelRuns() throws Exception {
    if (Gemm.isNative()) {
      assertThat(Gemm.kernelName(), containsString("(native, 1 thread per call)"));
      assertThat(
          Gemm.kernelTag(),
          is(Gemm.library().toRealPath().toString().contains("openblas") ? "openblas" : "blas"));
    } else {
      assertThat(Gemm.kernelName(), startsWith("java fallback ("));
      assertThat(Gemm.kernelName(), containsString("apt-get install libopenblas0-pthread"));
      assertThat(Gemm.kernelTag(), is("java"));
    }
  }

  @Test
  void threadsCanBeRaisedAndLoweredAtRunTime() {
    assumeTrue(Gemm.isNative() && Gemm.kernelTag().equals("openblas"), "needs OpenBLAS");
    assertThat(Gemm.threads(), is(1));
    try {
      Gemm.setThreads(2);
      assertThat(Gemm.threads(), is(2));
      assertThat(Gemm.kernelName(), containsString("2 threads per call"));
      checkShapes(dev.ludovic.netlib.blas.NativeBLAS.getInstance());
    } finally {
      Gemm.setThreads(1);
    }
    assertThat(Gemm.kernelName(), containsString("1 thread per call"));
  }

  @Test
  void zeroInnerDimensionAddsNothingOrZeroes() {
    DMatrixRMaj a = new DMatrixRMaj(3, 0);
    DMatrixRMaj b = new DMatrixRMaj(0, 2);
    DMatrixRMaj c = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Gemm.multAdd(a, b, c);
    assertThat(c.get(2, 1), is(6.0));
    Gemm.mult(a, b, c);
    assertThat(CommonOps_DDRM.elementMaxAbs(c), is(0.0));
  }

  @Test
  void mismatchedShapesAreRejectedWithTheShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Gemm.multAdd(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 2), new DMatrixRMaj(2, 2)));
    assertThat(
        e.getMessage(),
        is("cannot multiply 2x3 by 4x2 into 2x2: need A m x k, " + "B k x n, C m x n"));
  }

  @Test
  void threadCountBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Gemm.setThreads(0));
    assertThat(e.getMessage(), is("BLAS threads must be at least 1; got 0"));
  }

  /** multAdd and mult (over a C full of garbage) against EJML, including reshaped arrays. */
  private static void checkShapes(BLAS blas) {
    Random random = new Random(7);
    for (int[] s : SHAPES) {
      DMatrixRMaj a = RandomMatrices_DDRM.rectangle(s[0], s[1], -1, 1, random);
      DMatrixRMaj b = RandomMatrices_DDRM.rectangle(s[1], s[2], -1, 1, random);
      DMatrixRMaj c = RandomMatrices_DDRM.rectangle(s[0], s[2], -1, 1, random);
      DMatrixRMaj expected = c.copy();
      CommonOps_DDRM.multAdd(a, b, expected);
      Gemm.product(blas, a, b, c, 1.0);
      assertClose(c, expected, "multAdd " + shape(s));

      // an array longer than the matrix, as EJML leaves after reshape()
      DMatrixRMaj out = new DMatrixRMaj(s[0] + 3, s[2] + 3);
      out.fill(123.0);
      out.reshape(s[0], s[2], true);
      CommonOps_DDRM.mult(a, b, expected);
      Gemm.product(blas, a, b, out, 0.0);
      assertClose(out, expected, "mult " + shape(s));
    }
  }

  private static void assertClose(DMatrixRMaj actual, DMatrixRMaj expected, String what) {
    assertThat(
        what + " shape",
        actual.numRows * 10_000 + actual.numCols,
        is(expected.numRows * 10_000 + expected.numCols));
    double diff = 0;
    double scale = 1e-300;
    for (int i = 0; i < expected.getNumElements(); i++) {
      diff = Math.max(diff, Math.abs(actual.data[i] - expected.data[i]));
      scale = Math.max(scale, Math.abs(expected.data[i]));
    }
    assertThat(what + ": relative error", diff / scale, lessThanOrEqualTo(1e-12));
  }

  private static String shape(int[] s) {
    return s[0] + "x" + s[1] + " * " + s[1] + "x" + s[2];
  }
}
