package io.taskbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.matrix.Gemm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/run --quick} on the configurations that need no cluster (about 30 s): every
 * child JVM runs, every product and tiny-task result is checked by the children (a wrong one fails
 * the run), and the files come out complete. The full quick run, with both Flink configurations and
 * Dask, is {@code benchmarks/run --quick} (a few minutes).
 */
class QuickSuiteTest {
  @TempDir Path out;

  @Test
  void quickRunWritesCheckedResults() throws Exception {
    int code =
        Suite.run(
            new String[] {
              "--quick", "--configs=seq-ejml,seq-blas,direct", "--workers=2,1", "--out=" + out
            });
    assertThat(code, is(0));
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(
        csv.get(0),
        is("workload,size,config,workers,run,seconds,gflops,tasks_per_s,kernel,retained_mb"));
    List<Row> rows = csv.subList(1, csv.size()).stream().map(Row::parse).toList();
    Set<String> seen =
        rows.stream()
            .map(r -> r.workload() + "/" + r.config() + "/" + r.workers())
            .collect(Collectors.toSet());
    assertThat(
        seen,
        hasItems(
            "seed1000/seq-ejml/1",
            "matmul/seq-blas/1",
            "tiny/direct/1",
            "seed1000/direct/2",
            "sync/direct/1",
            "sync/direct/2",
            "kmeans/direct/1",
            "kmeans/direct/2",
            "first-sync/direct/2",
            "session/direct/2"));
    String table = Files.readString(out.resolve("results.md"));
    if (Gemm.isNative()) {
      // seq-ejml x1 and seq-blas x1, x2 on 2 products; direct x1, x2 on 5 workloads and
      // first-sync and session on x2 (the children check every product, tiny result, sync value,
      // k-means centroids and session value)
      assertThat(rows.size(), is(2 + 4 + 12));
      assertThat(seen, hasItems("matmul/seq-blas/2"));
      assertThat(table, not(containsString("## Skipped")));
    } else {
      // without OpenBLAS (README's test command on a new machine): no 2-thread baseline
      assertThat(rows.size(), is(2 + 2 + 12));
      assertThat(table, containsString("- seq-blas x2: skipped: the block kernel is java "));
    }
    // matrix workloads name their block kernel; tiny, sync and kmeans multiply no blocks
    Set<String> matrix = Set.of("matmul", "seed1000");
    assertThat(
        rows.stream()
            .filter(r -> matrix.contains(r.workload()))
            .map(Row::kernel)
            .collect(Collectors.toSet()),
        everyItem(is(oneOf("ejml", Gemm.kernelTag()))));
    assertThat(
        rows.stream()
            .filter(r -> !matrix.contains(r.workload()))
            .map(Row::kernel)
            .collect(Collectors.toSet()),
        is(Set.of("none")));
    assertThat(rows.stream().map(Row::seconds).toList(), everyItem(greaterThan(0.0)));
    assertThat(table, containsString("| tiny | 1000 | direct | 2 | 1 |"));
    assertThat(table, containsString("| sync | 10 | direct | 2 | 1 |"));
    assertThat(table, containsString("| kmeans | 20000 | direct | 1 | 1 |"));
    assertThat(table, containsString("| first-sync | 1 | direct | 2 | 1 |"));
    // the session row carries the driver's retained heap; the others leave it empty
    Row session = rows.stream().filter(r -> r.workload().equals("session")).findFirst().get();
    assertThat(session.retainedMb(), not(is(Double.NaN)));
    assertThat(
        rows.stream().filter(r -> !r.workload().equals("session")).map(Row::retainedMb).toList(),
        everyItem(is(Double.NaN)));
    assertThat(Files.readString(out.resolve("machine.md")), containsString("block kernel"));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(out.resolve("results.svg").toFile()); // well-formed
  }

  @Test
  void unknownConfigurationIsNamedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Suite.run(new String[] {"--configs=spark", "--out=" + out}));
    assertThat(
        e.getMessage(),
        is(
            "unknown configuration 'spark': use one of seq-ejml, "
                + "seq-blas, memory, direct, direct-pipelined, direct-perjob, direct-nocheckpoint, "
                + "direct-checkpoint-tasks100, direct-nodashboard, flink-embedded, "
                + "flink-embedded-perjob, "
                + "flink-cluster, flink-cluster-pipelined, dask"));
  }

  @Test
  void aSkipThatIsNotConfigAndWorkloadIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Suite.run(new String[] {"--skip=dask", "--out=" + out}));
    assertThat(e.getMessage(), is("--skip=dask is not config:workload (e.g. --skip=dask:tiny)"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Suite.run(new String[] {"--skip=dask:huge", "--out=" + out}));
    assertThat(
        e.getMessage(),
        is(
            "--skip=dask:huge: unknown workload; use one of [seed1000, matmul, tiny, sync, "
                + "kmeans, first-sync, session, overlap, first-task, dashboard-off, dashboard-auto, "
                + "seed-dashboard-off, seed-dashboard-auto, kmeans-fresh, kmeans-resumed]"));
  }
}
