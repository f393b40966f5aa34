package io.taskbeam.pipelines.cholesky;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.taskbeam.TaskBeam;
import io.taskbeam.matrix.MatrixMarket;
import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Test bodies that take the runner's options, so the same checks run on the DirectRunner here and
 * on Flink in the conformance suite.
 */
public final class CholeskyChecks {
  private CholeskyChecks() {}

  /** The textbook unblocked Cholesky-Banachiewicz loop: independent of the blocked code. */
  static DMatrixRMaj textbook(DMatrixRMaj a) {
    int n = a.numRows;
    DMatrixRMaj l = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a.get(i, j);
        for (int k = 0; k < j; k++) {
          s -= l.get(i, k) * l.get(j, k);
        }
        l.set(i, j, i == j ? Math.sqrt(s) : s / l.get(j, j));
      }
    }
    return l;
  }

  static double maxDiff(DMatrixRMaj x, DMatrixRMaj y) {
    double d = 0;
    for (int i = 0; i < x.getNumElements(); i++) {
      d = Math.max(d, Math.abs(x.data[i] - y.data[i]));
    }
    return d;
  }

  /** Block sizes that divide, do not divide, and exceed the matrix. */
  public static void blockedFactorEqualsTheTextbookFactor(String... runnerArgs) {
    DMatrixRMaj a = CholeskyMain.generate(70, 5);
    DMatrixRMaj expected = textbook(a);
    for (int block : new int[] {16, 14, 100}) {
      DMatrixRMaj l;
      try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
        l = BlockedCholesky.factor(tb, a, block);
        int nb = (70 + block - 1) / block;
        int tasks = nb + nb * (nb - 1) + nb * (nb - 1) * (nb - 2) / 6;
        assertThat(tb.reports().get(0).tasks(), is(tasks));
      }
      assertThat("block " + block, maxDiff(l, expected), lessThan(1e-12));
      assertThat(CholeskyMain.residual(a, l), lessThan(1e-15));
    }
  }

  /** Matrix Market in, L out, as scipy would read it. */
  public static void programReadsAndWritesMatrixMarket(Path dir, String... runnerArgs)
      throws Exception {
    DMatrixRMaj a = CholeskyMain.generate(45, 11);
    MatrixMarket.write(dir.resolve("a.mtx"), a);
    String out =
        ProgramRuns.run(
            CholeskyMain::run,
            ProgramRuns.with(
                runnerArgs,
                "--input=" + dir.resolve("a.mtx"),
                "--blockSize=10",
                "--output=" + dir.resolve("l.mtx")));
    // 5 block columns: 5 potrf, 10 trsm, 10 syrk, 10 gemm
    assertThat(out, containsString("plan: 35 tasks in "));
    assertThat(
        out,
        matchesPattern(
            "(?s).*verify: \\|\\|L L\\^T - A\\|\\|_F / \\|\\|A\\|\\|_F = "
                + "[0-9.e-]+; .*: OK\n.*"));
    assertThat(maxDiff(MatrixMarket.read(dir.resolve("l.mtx")), textbook(a)), lessThan(1e-12));
  }

  /** A matrix that fails in block (2,2): the error names the block and row; nothing written. */
  public static void notPositiveDefiniteNamesTheBlock(Path dir, String... runnerArgs) {
    DMatrixRMaj a = CholeskyMain.generate(40, 3);
    a.set(25, 25, -1);
    MatrixMarket.write(dir.resolve("bad.mtx"), a);
    String error =
        ProgramRuns.fail(
            "cholesky",
            CholeskyMain::run,
            ProgramRuns.with(
                runnerArgs,
                "--input=" + dir.resolve("bad.mtx"),
                "--blockSize=10",
                "--output=" + dir.resolve("l.mtx")));
    assertThat(
        error,
        matchesPattern(
            "cholesky: error: block \\(2,2\\) is not positive definite: "
                + "pivot -[0-9.E]+ at row 25 of the matrix; the input must be symmetric positive "
                + "definite"));
    assertThat(Files.exists(dir.resolve("l.mtx")), is(false));
  }

  /** Input problems found before any task runs. */
  public static void badInputIsOneLine(Path dir, String... runnerArgs) {
    DMatrixRMaj a = CholeskyMain.generate(6, 1);
    a.set(4, 1, 9);
    MatrixMarket.write(dir.resolve("asym.mtx"), a);
    MatrixMarket.write(dir.resolve("rect.mtx"), new DMatrixRMaj(3, 4));
    assertThat(
        fail(runnerArgs, "--input=" + dir.resolve("asym.mtx")),
        equalTo(
            "cholesky: error: "
                + "A is not symmetric: A(4,1) = 9.0 but A(1,4) = "
                + a.get(1, 4)
                + "; Cholesky needs a "
                + "symmetric positive definite matrix"));
    assertThat(
        fail(runnerArgs, "--input=" + dir.resolve("rect.mtx")),
        equalTo(
            "cholesky: error: "
                + "A is 3x4: Cholesky needs a square symmetric positive definite matrix"));
    assertThat(
        fail(runnerArgs, "--input=" + dir.resolve("none.mtx")),
        equalTo(
            "cholesky: error: " + "matrix file " + dir.resolve("none.mtx") + " does not exist"));
    assertThat(
        fail(runnerArgs, "--blockSize=0"),
        equalTo("cholesky: error: --blockSize must be " + "a positive integer; got 0"));
    assertThat(
        fail(runnerArgs, "--n=-1"),
        equalTo("cholesky: error: --n must be a positive " + "integer; got -1"));
  }

  private static String fail(String[] runnerArgs, String... args) {
    return ProgramRuns.fail("cholesky", CholeskyMain::run, ProgramRuns.with(runnerArgs, args));
  }
}
