package io.taskbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick suite on a machine without OpenBLAS, simulated on any machine by forcing netlib's Java
 * kernel ({@code -Dtaskbeam.kernel=java}, set here before the kernel loads; surefire gives each
 * test class a JVM of its own). The suite passes the switch on to its child JVMs, leaves out the
 * 2-thread {@code seq-blas} baseline with one line saying why, and still measures and checks
 * everything else on the Java kernel. The seed1000 product (1000 products of 32 x 32 blocks) shows
 * all of that; the quick matmul (2048 x 2048 in blocks of 512, three times here) was most of the
 * test's half minute on this kernel, and QuickSuiteTest runs it.
 */
class QuickSuiteJavaKernelTest {
  static {
    System.setProperty("taskbeam.kernel", "java");
  }

  @TempDir Path out;

  @Test
  void javaKernelSkipsTheTwoThreadBaselineAndMeasuresTheRest() throws Exception {
    int code =
        Suite.run(
            new String[] {
              "--quick",
              "--configs=seq-blas,direct",
              "--workers=2,1",
              "--workloads=seed1000",
              "--out=" + out
            });
    assertThat(code, is(0));
    List<Row> rows =
        Files.readAllLines(out.resolve("results.csv")).stream().skip(1).map(Row::parse).toList();
    // seq-blas x1 and direct x1, x2 on the product; no seq-blas x2
    assertThat(rows.size(), is(1 + 2));
    assertThat(
        rows.stream().filter(r -> r.config().equals("seq-blas") && r.workers() == 2).toList(),
        is(empty()));
    assertThat(
        "every child ran the forced kernel",
        rows.stream().map(Row::kernel).toList(),
        everyItem(is("java")));
    String table = Files.readString(out.resolve("results.md"));
    assertThat(
        table,
        containsString(
            "## Skipped\n\n- seq-blas x2: skipped: the block kernel is " + "java fallback ("));
    assertThat(table, containsString("-Dtaskbeam.kernel=java), which runs on one thread"));
    assertThat(table, not(containsString("## Not measured")));
    assertThat(Files.readString(out.resolve("machine.md")), containsString("java fallback"));
  }
}
