package io.taskbeam.matrix;

import dev.ludovic.netlib.blas.BLAS;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The block kernel: matrix products on EJML row-major matrices through BLAS {@code dgemm}. Native
 * OpenBLAS when the system has {@code libblas.so.3} (Debian: {@code apt-get install
 * libopenblas0-pthread}): about 50 GFLOP/s per core here, eight times EJML's product. Otherwise
 * netlib's Java BLAS: about 11 GFLOP/s, or 30 when the JVM runs with {@code --add-modules
 * jdk.incubator.vector} (its Vector API kernel).
 *
 * <pre>{@code
 * Gemm.multAdd(a, b, c);            // c += a x b
 * System.out.println(Gemm.kernelName());   // "openblas (native, 1 thread per call)"
 * }</pre>
 *
 * <p>BLAS is column-major and EJML row-major. A row-major m x n array read column-major is the
 * transpose, so {@code C = A B} is computed as {@code C^T = B^T A^T}: dgemm on B then A, with no
 * copy and no transpose flag.
 *
 * <p>Each call uses one BLAS thread unless {@code -Dtaskbeam.blasThreads=N} or {@code
 * OPENBLAS_NUM_THREADS} says otherwise, because taskbeam already runs one task per core: see {@link
 * BlasLibrary} for how that is set.
 */
public final class Gemm {
  private static final BlasLibrary.Loaded KERNEL = BlasLibrary.load();
  private static volatile int threads = initThreads();

  private Gemm() {}

  /** {@code c += a x b}. */
  public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    product(KERNEL.blas(), a, b, c, 1.0);
  }

  /** {@code c = a x b}; {@code c} must already have the product's shape. */
  public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    product(KERNEL.blas(), a, b, c, 0.0);
  }

  /** True when products run in native BLAS. */
  public static boolean isNative() {
    return KERNEL.isNative();
  }

  /**
   * Which kernel runs, for every printed result: {@code openblas (native, 1 thread per call)}, or
   * {@code java fallback (...)} with the reason and how to get the native one.
   */
  public static String kernelName() {
    if (!KERNEL.isNative()) {
      boolean forced = KERNEL.whyNot().startsWith("-D");
      return "java fallback ("
          + KERNEL.blas().getClass().getSimpleName()
          + ": "
          + KERNEL.whyNot()
          + (forced ? "" : "; apt-get install libopenblas0-pthread for the native kernel")
          + ")";
    }
    int n = BlasLibrary.threads(KERNEL.library());
    return BlasLibrary.vendor(KERNEL.library())
        + " (native, "
        + (n < 0 ? "threads unknown" : n + (n == 1 ? " thread" : " threads"))
        + " per call)";
  }

  /**
   * A short tag for tables: {@code openblas}, {@code blas} (another native one) or {@code java}.
   */
  public static String kernelTag() {
    if (!KERNEL.isNative()) {
      return "java";
    }
    return BlasLibrary.vendor(KERNEL.library()).equals("openblas") ? "openblas" : "blas";
  }

  /** OpenBLAS's own description (version, core type), or null when not OpenBLAS. */
  public static String libraryConfig() {
    return KERNEL.isNative() ? BlasLibrary.config(KERNEL.library()) : null;
  }

  /** The library file the native kernel came from, or null. */
  public static Path library() {
    return KERNEL.library();
  }

  /** Threads each native call uses (1 unless configured), or 1 for the Java kernel. */
  public static int threads() {
    return threads;
  }

  /**
   * Sets the threads of every later native call in this JVM (OpenBLAS only). For programs that run
   * one product at a time, such as a sequential baseline; task workers keep 1.
   *
   * @throws IllegalStateException if the native library's thread count cannot be set
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("BLAS threads must be at least 1; got " + n);
    }
    if (!KERNEL.isNative()) {
      if (n != 1) {
        throw new IllegalStateException(
            "the java fallback kernel runs on one thread; "
                + "apt-get install libopenblas0-pthread for a multi-threaded native kernel");
      }
      return;
    }
    if (!BlasLibrary.setThreads(KERNEL.library(), n)) {
      throw new IllegalStateException(
          "cannot set the threads of "
              + KERNEL.library()
              + ": it is not OpenBLAS; set OPENBLAS_NUM_THREADS before the JVM starts");
    }
    threads = n;
  }

  /**
   * {@code c = a b + beta c} with the given BLAS ({@code null}: EJML's product, the reference).
   * Package-private so tests and benchmarks can compare kernels in one JVM.
   */
  static void product(BLAS blas, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, double beta) {
    if (a.numCols != b.numRows || c.numRows != a.numRows || c.numCols != b.numCols) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + a.numRows
              + "x"
              + a.numCols
              + " by "
              + b.numRows
              + "x"
              + b.numCols
              + " into "
              + c.numRows
              + "x"
              + c.numCols
              + ": need A m x k, B k x n, C m x n");
    }
    int m = a.numRows;
    int k = a.numCols;
    int n = b.numCols;
    if (blas == null) {
      if (beta == 0.0) {
        CommonOps_DDRM.mult(a, b, c);
      } else {
        CommonOps_DDRM.multAdd(a, b, c);
      }
      return;
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (beta == 0.0) {
        c.zero();
      }
      return;
    }
    // Column-major: C^T (n x m) = B^T (n x k) * A^T (k x m), leading dimensions n, k, n.
    blas.dgemm("N", "N", n, m, k, 1.0, b.data, n, a.data, k, beta, c.data, n);
  }

  private static int initThreads() {
    int wanted = BlasLibrary.wantedThreads();
    if (!KERNEL.isNative()) {
      return 1;
    }
    BlasLibrary.setThreads(KERNEL.library(), wanted);
    int actual = BlasLibrary.threads(KERNEL.library());
    return actual > 0 ? actual : wanted;
  }
}
