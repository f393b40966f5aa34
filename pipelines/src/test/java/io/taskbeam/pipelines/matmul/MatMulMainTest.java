package io.taskbeam.pipelines.matmul;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.taskbeam.TaskBeam;
import io.taskbeam.matrix.MatrixMarket;
import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both matmul shapes against an independent product, and every bad input of the program. */
class MatMulMainTest {
  @TempDir Path dir;

  private TaskBeam session() {
    return TaskBeam.start("--runner=DirectRunner", "--parallelism=2", "--workDir=" + dir);
  }

  @ParameterizedTest(name = "{0}: A {1}x{2}, B {2}x{3}, block {4}")
  @CsvSource({
    "rows, 100, 70, 45, 33",
    "inout, 100, 70, 45, 33",
    "commutative, 100, 70, 45, 33",
    "rows, 1, 1, 1, 1",
    "inout, 1, 1, 1, 1",
    "commutative, 1, 1, 1, 8",
    "inout, 40, 40, 40, 64",
    "rows, 40, 40, 40, 64"
  })
  void productMatchesTheTripleLoop(String shape, int m, int k, int n, int block) {
    assertThat(
        TripleLoop.errorOf(this::session, shape, m, k, n, block, m * 31L + n), lessThan(1e-12));
  }

  private String run(String... args) throws Exception {
    return ProgramRuns.run(MatMulMain::run, args);
  }

  /** Runs the program as main does; checks exit code 1 and one line, returns the line. */
  private String fail(String... args) {
    return ProgramRuns.fail("matmul", MatMulMain::run, args);
  }

  @Test
  void matrixMarketFilesInAndOut() throws Exception {
    Random random = new Random(7);
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(96, 80, -1, 1, random);
    DMatrixRMaj b = RandomMatrices_DDRM.rectangle(80, 72, -1, 1, random);
    MatrixMarket.write(dir.resolve("a.mtx"), a);
    MatrixMarket.write(dir.resolve("b.mtx"), b);
    String out =
        run(
            "--inputA=" + dir.resolve("a.mtx"),
            "--inputB=" + dir.resolve("b.mtx"),
            "--output=" + dir.resolve("c.mtx"),
            "--blockSize=25",
            "--workDir=" + dir.resolve("w"));
    assertThat(out, containsString("plan: 48 tasks in 1 stages, 2 chunks"));
    assertThat(out, containsString(": OK"));
    DMatrixRMaj c = MatrixMarket.read(dir.resolve("c.mtx"));
    assertThat(MatMulMain.relativeError(c, TripleLoop.product(a, b)), lessThan(1e-12));
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws Exception {
    Path output = dir.resolve("c.mtx");
    MatrixMarket.write(dir.resolve("a.mtx"), new DMatrixRMaj(3, 4));
    MatrixMarket.write(dir.resolve("b.mtx"), new DMatrixRMaj(5, 2));
    Files.writeString(
        dir.resolve("bad.mtx"), "%%MatrixMarket matrix array real general\n2 2\n1.0\nx\n3\n4\n");
    String a = "--inputA=" + dir.resolve("a.mtx");
    String out = "--output=" + output;

    assertThat(
        fail(a, "--inputB=" + dir.resolve("b.mtx"), out),
        equalTo(
            "matmul: error: A is "
                + "3x4 but B is 5x2: the columns of A must equal the rows of B"));
    assertThat(
        fail(a, "--inputB=" + dir.resolve("bad.mtx"), out),
        equalTo(
            "matmul: error: "
                + "matrix file "
                + dir.resolve("bad.mtx")
                + " line 4: 'x' is not a decimal number (such as 1, -2.5 or 3e-7)"));
    assertThat(
        fail(a, "--inputB=" + dir.resolve("missing.mtx"), out),
        equalTo(
            "matmul: " + "error: matrix file " + dir.resolve("missing.mtx") + " does not exist"));
    assertThat(
        fail(a, out),
        equalTo("matmul: error: --inputA and --inputB go together: give " + "both files"));
    assertThat(
        fail("--n=0", out), equalTo("matmul: error: --n must be a positive integer; " + "got 0"));
    assertThat(
        fail("--blockSize=-3", out),
        equalTo("matmul: error: --blockSize must be a " + "positive integer; got -3"));
    assertThat(
        fail("--shape=diagonal", out),
        equalTo("matmul: error: --shape must be rows or " + "blocks; got 'diagonal'"));
    assertThat(
        fail("--runner=NoSuchRunner", out),
        containsString(
            "matmul: error: Unknown "
                + "'runner' specified 'NoSuchRunner', supported pipeline runners [DirectRunner, "
                + "FlinkRunner"));
    assertThat(
        fail("--parallelism=0", "--n=8", out),
        equalTo(
            "matmul: error: --parallelism "
                + "must be a positive number of workers (or -1 for the default); got 0"));
    assertThat(Files.exists(output), is(false));
    try (var files = Files.list(dir)) {
      assertThat(
          "no temporary files left",
          files.filter(p -> p.toString().endsWith(".tmp")).count(),
          is(0L));
    }
  }
}
