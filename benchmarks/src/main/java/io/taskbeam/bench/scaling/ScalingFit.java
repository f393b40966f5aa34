package io.taskbeam.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits {@link ScalingModel} to the harness's points and writes what it found: the constants, the
 * measured points against the model (fitted and held out), the predictions for the seed shape,
 * n=8192 and k-means on 16, 64 and 256 nodes with their band, and the chart.
 *
 * <pre>
 * java -cp ... io.taskbeam.bench.scaling.ScalingFit --points=points.csv --holdout=6 --out=DIR
 * </pre>
 *
 * {@code --holdout=W} keeps the runs on W workers out of the fit (they are checked, not fitted).
 * Writes {@code DIR/model.md} and {@code DIR/scaling.svg}, prints the same text, and exits with 1
 * when a configuration's median misses the model by more than 15%.
 */
public final class ScalingFit {
  /** The node of the predictions (see docs/scaling.md). */
  public static final ScalingModel.Node NODE =
      new ScalingModel.Node(
          "2 cores (AVX2) like this host's; one TaskManager slot runs the block kernel at 48"
              + " GFLOP/s (OpenBLAS, one thread, 768-blocks); 10 Gbit/s link, 0.1 ms; driver and"
              + " JobManager on a node of their own",
          48,
          10e9 / 8);

  public static final int[] PREDICT_AT = {1, 16, 64, 256};
  public static final double BOUND = 0.15;

  private ScalingFit() {}

  public static void main(String[] args) throws IOException {
    Path points = null;
    Path out = null;
    int holdout = -1;
    for (String arg : args) {
      String value = arg.substring(arg.indexOf('=') + 1);
      if (arg.startsWith("--points=")) {
        points = Path.of(value);
      } else if (arg.startsWith("--out=")) {
        out = Path.of(value);
      } else if (arg.startsWith("--holdout=")) {
        holdout = Integer.parseInt(value);
      } else {
        System.err.println("scaling-fit: unknown option " + arg);
        System.exit(2);
      }
    }
    if (points == null || out == null) {
      System.err.println("scaling-fit: needs --points=CSV and --out=DIR [--holdout=W]");
      System.exit(2);
    }
    List<Point> all = Point.read(points);
    final int held = holdout;
    List<Point> fitted = all.stream().filter(p -> p.workers() != held).toList();
    ScalingModel model = ScalingModel.fit(fitted);
    StringBuilder md = new StringBuilder();
    double worst = report(model, all, held, md);
    List<ScalingModel.Shape> shapes = shapes(all);
    predictions(model, shapes, worst, md);
    Files.createDirectories(out);
    Files.writeString(out.resolve("model.md"), md);
    Files.writeString(
        out.resolve("scaling.svg"), ScalingChart.svg(model, all, held, shapes, NODE, worst));
    System.out.print(md);
    if (worst > BOUND) {
      System.err.printf(
          Locale.ROOT,
          "scaling-fit: the model misses a measured median by %.0f%% (> 15%%)%n",
          100 * worst);
      System.exit(1);
    }
  }

  /** Constants, then measured medians against the model; returns the largest relative miss. */
  static double report(ScalingModel model, List<Point> all, int held, StringBuilder md) {
    ScalingModel.Constants c = model.constants();
    ScalingModel.Constants e = model.standardErrors();
    md.append("## Fitted constants (± one standard error)\n\n| constant | value |\n|---|---:|\n");
    row(md, "serial, fixed per run", c.serialFixed(), e.serialFixed(), 1e3, "ms");
    row(md, "serial, per task (driver)", c.serialPerTask(), e.serialPerTask(), 1e6, "µs");
    row(md, "serial, per byte the driver sends", c.serialPerByte(), e.serialPerByte(), 1e9, "ns");
    row(md, "coordination, per run (its first job)", c.coordPerRun(), e.coordPerRun(), 1e3, "ms");
    row(md, "coordination, per sync point (job)", c.coordPerSync(), e.coordPerSync(), 1e3, "ms");
    row(
        md,
        "coordination, per worker per job",
        c.coordPerWorkerSync(),
        e.coordPerWorkerSync(),
        1e3,
        "ms");
    row(md, "parallel, per task (worker)", c.perTask(), e.perTask(), 1e6, "µs");
    row(md, "parallel, per byte a worker moves", c.perByte(), e.perByte(), 1e9, "ns");
    md.append("\n## Measured points against the model\n\n")
        .append(
            "| configuration | runs | measured median s | model s | miss | serial | coord |"
                + " window | task s | worker MB | |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    Map<String, List<Point>> groups = new LinkedHashMap<>();
    for (Point p : all) {
      groups.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
    }
    double worst = 0;
    for (Map.Entry<String, List<Point>> g : groups.entrySet()) {
      List<Point> runs = g.getValue();
      Point mid = median(runs);
      double model1 = model.hostSeconds(mid);
      double miss = model1 / mid.wall() - 1;
      worst = Math.max(worst, Math.abs(miss));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %+.1f%% | %.3f | %.3f | %.3f | %.3f | %.1f | %s |%n",
              g.getKey(),
              runs.size(),
              mid.wall(),
              model1,
              100 * miss,
              mid.serial(),
              mid.coord(),
              mid.window(),
              mid.taskSeconds(),
              mid.workerBytes() / 1e6,
              mid.workers() == held ? "held out" : "fitted"));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nLargest miss of a configuration's median: %.1f%% (bound: 15%%).%n",
            100 * worst));
    return worst;
  }

  private static void row(
      StringBuilder md, String name, double value, double se, double scale, String unit) {
    md.append(
        String.format(
            Locale.ROOT, "| %s | %.4g ± %.2g %s |%n", name, value * scale, se * scale, unit));
  }

  /** The run with the median wall time (the lower middle of an even count). */
  static Point median(List<Point> runs) {
    List<Point> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Double.compare(a.wall(), b.wall()));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /**
   * The three shapes to predict, their driver bytes and (for k-means) the task functions' speed
   * scaled from the measured runs of the same workload.
   */
  static List<ScalingModel.Shape> shapes(List<Point> all) {
    List<ScalingModel.Shape> shapes = new ArrayList<>();
    Point seed = null;
    Point kmeans = null;
    for (Point p : all) {
      if (p.workload().equals("seed")
          && p.workers() == 1
          && (seed == null || p.size() > seed.size())) {
        seed = p;
      }
      if (p.workload().equals("kmeans") && p.workers() == 1) {
        kmeans = p;
      }
    }
    shapes.add(blocked("seed shape n=7680, 768-blocks", 7680, 768, seed));
    shapes.add(blocked("matmul n=8192, 1024-blocks", 8192, 1024, seed));
    // what-if: the seed shape with its blocks made (or read) by tasks on the workers, so the driver
    // sends no matrix bytes; the rest as measured
    ScalingModel.Shape s = shapes.get(0);
    shapes.add(
        new ScalingModel.Shape(
            "seed shape, inputs made on workers",
            s.tasks(),
            s.chains(),
            s.syncs(),
            0,
            s.computeSeconds(),
            s.chainBytes(),
            s.maxWorkerBytes()));
    // k-means: 2,000,000 points x 10 dims, k=10, 20 iterations, in 256 fragments (one per node at
    // 256 nodes); the partial sums' speed per point and iteration is this host's measured one
    int fragments = 256;
    int points = 2_000_000;
    int iterations = 20;
    double perPointIteration =
        kmeans == null ? 3e-8 : kmeans.taskSeconds() / ((double) kmeans.size() * kmeans.block());
    double pointBytes = points * 10.0 * 8;
    shapes.add(
        new ScalingModel.Shape(
            "k-means 2M points, 20 iterations",
            2 * fragments * iterations,
            fragments,
            iterations,
            pointBytes,
            perPointIteration * points * iterations,
            pointBytes / fragments,
            pointBytes));
    return shapes;
  }

  /**
   * The blocked product of order n in b-blocks: each chain (a C block) reads a row of A and a
   * column of B and reads and writes its C block; one worker moves at most what the measured
   * 1-worker run moved, scaled by n squared.
   */
  private static ScalingModel.Shape blocked(String name, int n, int b, Point measured) {
    int nb = n / b;
    double blockBytes = 8.0 * b * b;
    double scale = measured == null ? 0 : Math.pow((double) n / measured.size(), 2);
    double driverBytes = measured == null ? 3.0 * n * n * 8 : measured.driverBytes() * scale;
    double maxWorker = measured == null ? 4.0 * n * n * 8 : measured.workerBytes() * scale;
    double compute = (double) nb * nb * nb * 2.0 * b * b * b / (NODE.gflops() * 1e9);
    return new ScalingModel.Shape(
        name,
        nb * nb * nb,
        nb * nb,
        1,
        driverBytes,
        compute,
        (2.0 * nb + 2) * blockBytes,
        maxWorker);
  }

  static void predictions(
      ScalingModel model, List<ScalingModel.Shape> shapes, double worst, StringBuilder md) {
    md.append("\n## Predictions\n\nNode: ").append(NODE.description()).append(".\n\n");
    md.append(
        "| workload | nodes | predicted s | band s | efficiency | set-up parallel: s,"
            + " efficiency | largest part |\n");
    md.append("|---|---:|---:|---:|---:|---:|---|\n");
    for (ScalingModel.Shape s : shapes) {
      for (int w : PREDICT_AT) {
        double t = model.predict(s, NODE, w);
        double[] band = model.band(s, NODE, w, worst);
        Map<String, Double> parts = model.parts(s, NODE, w);
        String largest =
            parts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .get();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f - %.2f | %.0f%% | %.2f, %.0f%% | %s (%.2f s of %.2f) |%n",
                s.name(),
                w,
                t,
                band[0],
                band[1],
                100 * model.efficiency(s, NODE, w),
                model.predictParallelSetUp(s, NODE, w),
                100 * model.efficiencyParallelSetUp(s, NODE, w),
                largest,
                parts.get(largest),
                t));
      }
    }
    md.append("\nParts of each prediction at 64 nodes (seconds):\n\n");
    for (ScalingModel.Shape s : shapes) {
      md.append("- ").append(s.name()).append(": ");
      model
          .parts(s, NODE, 64)
          .forEach((k, v) -> md.append(String.format(Locale.ROOT, "%s %.3f; ", k, v)));
      md.append('\n');
    }
  }
}
