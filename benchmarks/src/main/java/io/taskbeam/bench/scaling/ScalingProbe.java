package io.taskbeam.bench.scaling;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.bench.KMeansData;
import io.taskbeam.bench.ProductCheck;
import io.taskbeam.pipelines.kmeans.KMeans;
import io.taskbeam.pipelines.kmeans.SequentialLloyd;
import io.taskbeam.pipelines.matmul.BlockedMatMul;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;

/**
 * The driver of one step of the scaling harness ({@code benchmarks/scaling/run}): runs each
 * workload once to warm up and then {@code --runs} times against the runner its other options name,
 * checks every result, and appends one {@link Point} per measured run to {@code --out}.
 *
 * <pre>
 * java -cp ... io.taskbeam.bench.scaling.ScalingProbe --workloads=seed:2560:256,kmeans:200000:5 \
 *     --runs=2 --out=points.csv --net=netem \
 *     --runner=FlinkRunner --flinkMaster=10.244.0.10:8081 --parallelism=4 --workDir=/tmp/w
 * </pre>
 *
 * {@code seed:N:B} is the COMPSs blocked product of two random N x N matrices in B-blocks (the seed
 * shape is {@code seed:7680:768}); {@code kmeans:P:I} is I Lloyd iterations of the pipelines'
 * k-means over P points in 8 fragments. Each run is its own session (its own run directory, whose
 * {@code trace.json} gives the workers' side); time runs from the first value put to the last
 * result back in the program.
 */
public final class ScalingProbe {
  private ScalingProbe() {}

  public static void main(String[] args) throws IOException {
    List<String> runner = new ArrayList<>();
    List<String> workloads = new ArrayList<>();
    int runs = 2;
    Path out = null;
    String net = "none";
    int cores = Runtime.getRuntime().availableProcessors();
    int parallelism = 0;
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--workloads=")) {
        workloads.addAll(List.of(value.split(",")));
      } else if (arg.startsWith("--runs=")) {
        runs = Integer.parseInt(value);
      } else if (arg.startsWith("--out=")) {
        out = Path.of(value);
      } else if (arg.startsWith("--net=")) {
        net = value;
      } else if (arg.startsWith("--cores=")) {
        cores = Integer.parseInt(value);
      } else {
        if (arg.startsWith("--parallelism=")) {
          parallelism = Integer.parseInt(value);
        }
        runner.add(arg);
      }
    }
    if (out == null || workloads.isEmpty() || parallelism < 1 || runs < 1) {
      System.err.println(
          "scaling-probe: needs --workloads=..., --out=FILE, --parallelism=W >= 1 and --runs >= 1");
      System.exit(2);
    }
    runner.add("--dashboard=off");
    runner.add("--progress=off");
    for (String spec : workloads) {
      String[] f = spec.split(":");
      if (f.length != 3 || !(f[0].equals("seed") || f[0].equals("kmeans"))) {
        System.err.println("scaling-probe: workload '" + spec + "' is not seed:N:B or kmeans:P:I");
        System.exit(2);
      }
      int size = Integer.parseInt(f[1]);
      int third = Integer.parseInt(f[2]);
      for (int run = 0; run <= runs; run++) { // run 0 warms the cluster up, not recorded
        Point p =
            f[0].equals("seed")
                ? seed(runner, size, third, parallelism, cores, run, net)
                : kmeans(runner, size, third, parallelism, cores, run, net);
        System.out.println("scaling-probe: " + (run == 0 ? "warm-up " : "") + p.csv());
        if (run > 0) {
          append(out, p);
        }
      }
    }
  }

  private static void append(Path out, Point p) throws IOException {
    if (!Files.exists(out)) {
      Files.writeString(out, Point.HEADER + "\n");
    }
    Files.writeString(out, p.csv() + "\n", StandardOpenOption.APPEND);
  }

  private static Point seed(
      List<String> runner, int n, int block, int workers, int cores, int run, String net)
      throws IOException {
    if (n % block != 0) {
      throw new IllegalArgumentException(
          "scaling-probe: seed:" + n + ":" + block + ": B must divide N");
    }
    Random random = new Random(42);
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
    DMatrixRMaj b = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
    int nb = n / block;
    Measured m;
    DMatrixRMaj c;
    try (TaskBeam tb = TaskBeam.start(runner.toArray(new String[0]))) {
      long start = System.nanoTime();
      c = BlockedMatMul.multiply(tb, a, b, block, false);
      m = new Measured(System.nanoTime() - start, tb.reports(), tb.runDirectory());
    }
    ProductCheck.verify(a, b, c, "seed:" + n + ":" + block + " x" + workers);
    return m.point("seed", n, block, workers, cores, run, nb * nb * nb, nb * nb, net);
  }

  private static Point kmeans(
      List<String> runner, int points, int iterations, int workers, int cores, int run, String net)
      throws IOException {
    KMeansData data = KMeansData.of(points);
    Measured m;
    KMeans.Result result;
    try (TaskBeam tb = TaskBeam.start(runner.toArray(new String[0]))) {
      long start = System.nanoTime();
      List<TaskFuture<DMatrixRMaj>> fragments = new ArrayList<>();
      for (DMatrixRMaj f : data.fragments()) {
        fragments.add(tb.put(f));
      }
      result = KMeans.cluster(tb, fragments, data.initial(), -1, iterations, (i, s) -> {});
      m = new Measured(System.nanoTime() - start, tb.reports(), tb.runDirectory());
    }
    DMatrixRMaj expected =
        SequentialLloyd.run(data.points(), data.initial(), -1, iterations).centroids();
    KMeansData.check(expected, result.centroids(), "kmeans:" + points + " x" + workers);
    int fragments = KMeansData.FRAGMENTS;
    return m.point(
        "kmeans",
        points,
        iterations,
        workers,
        cores,
        run,
        2 * fragments * iterations,
        fragments,
        net);
  }

  /** A session's wall time, its sync reports and its run directory. */
  private record Measured(long wallNanos, List<SyncReport> reports, Path runDirectory) {
    Point point(
        String workload,
        int size,
        int block,
        int workers,
        int cores,
        int run,
        int tasks,
        int chains,
        String net)
        throws IOException {
      TraceCosts t = TraceCosts.read(runDirectory.resolve("trace.json"));
      SyncReport total = SyncReport.total(reports);
      double wall = wallNanos / 1e9;
      double inJobs = total.runSeconds();
      return new Point(
          workload,
          size,
          block,
          workers,
          cores,
          run,
          tasks,
          chains,
          reports.size(),
          wall,
          wall - inJobs,
          Math.max(0, inJobs - t.windowSeconds()),
          t.windowSeconds(),
          t.taskSeconds(),
          total.driverBytes(),
          t.workerBytes(),
          net);
    }
  }
}
