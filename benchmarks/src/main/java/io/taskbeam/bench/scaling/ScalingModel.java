package io.taskbeam.bench.scaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The time of a run on W workers as the sum of three measured parts, each fitted by least squares
 * to its own measurement:
 *
 * <pre>
 * T(W) = serial                                  (the driver, alone)
 *          s0 + sTask * tasks + sByte * driverBytes
 *      + coordination                            (Flink jobs: submit, deploy W subtasks, end)
 *          cRun + syncs * (c0 + cWorker * W)
 *      + parallel                                (the chunks' window: the busiest worker)
 *          share(W) * (compute + pTask * tasks) + workerBytes(W) * (pByte + 1 / link)
 * </pre>
 *
 * {@code share(W)} is the fraction of the chains of tasks the busiest worker runs: {@code
 * ceil(chains / W) / chains} on a cluster of W nodes, and on this host also at least {@code 1 /
 * cores}, since W TaskManagers there share 2 cores. {@code compute} is the task functions' own time
 * (measured by task-side clocks here, FLOPs over the node's speed in a prediction), and the link
 * term is 0 on the host (the work directory is a local disk there).
 *
 * <p>The serial part is fitted to the driver's own clocks ({@link Point#serial()}), the
 * coordination part to the time inside jobs outside the chunks ({@link Point#coord()}), the
 * parallel part to the chunks' window ({@link Point#window()}); the sum is then checked against the
 * wall times, which it was not fitted to directly.
 */
public final class ScalingModel {
  /** The fitted constants (seconds, seconds per task, seconds per byte, ...). */
  public record Constants(
      double serialFixed,
      double serialPerTask,
      double serialPerByte,
      double coordPerRun,
      double coordPerSync,
      double coordPerWorkerSync,
      double perTask,
      double perByte) {

    /** Each constant moved by {@code k} of its standard error {@code se}, never below 0. */
    public Constants shifted(Constants se, double k) {
      return new Constants(
          Math.max(0, serialFixed + k * se.serialFixed),
          Math.max(0, serialPerTask + k * se.serialPerTask),
          Math.max(0, serialPerByte + k * se.serialPerByte),
          Math.max(0, coordPerRun + k * se.coordPerRun),
          Math.max(0, coordPerSync + k * se.coordPerSync),
          Math.max(0, coordPerWorkerSync + k * se.coordPerWorkerSync),
          Math.max(0, perTask + k * se.perTask),
          Math.max(0, perByte + k * se.perByte));
    }
  }

  /**
   * A workload to predict.
   *
   * @param computeSeconds the task functions' time on one node, all tasks together
   * @param chainBytes bytes one chain reads and writes in the work directory
   * @param maxWorkerBytes the most one worker reads and writes (e.g. all inputs once)
   */
  public record Shape(
      String name,
      int tasks,
      int chains,
      int syncs,
      double driverBytes,
      double computeSeconds,
      double chainBytes,
      double maxWorkerBytes) {

    double workerBytes(int workers) {
      return Math.min(maxWorkerBytes, Math.ceil((double) chains / workers) * chainBytes);
    }
  }

  /**
   * The node of a prediction: one TaskManager with one slot per node.
   *
   * @param gflops the block kernel's speed on one slot
   * @param linkBytesPerSecond each node's network link
   */
  public record Node(String description, double gflops, double linkBytesPerSecond) {}

  private final Constants constants;
  private final Constants errors;

  /** Per workload ({@link Point#workloadKey()}): task seconds on the fewest workers measured. */
  private final Map<String, Double> baselines;

  public ScalingModel(Constants constants, Constants errors, Map<String, Double> baselines) {
    this.constants = constants;
    this.errors = errors;
    this.baselines = Map.copyOf(baselines);
  }

  /**
   * How much slower the task functions ran in {@code p} than on the fewest workers measured of the
   * same workload (at least 1): the time-slicing of W TaskManagers on the host's cores.
   */
  public double stretch(Point p) {
    Double base = baselines.get(p.workloadKey());
    return base == null || base <= 0 ? 1 : Math.max(1, p.taskSeconds() / base);
  }

  /** The task seconds of each workload's run on the fewest workers (their median). */
  static Map<String, Double> baselines(List<Point> points) {
    Map<String, List<Point>> fewest = new HashMap<>();
    for (Point p : points) {
      List<Point> runs = fewest.computeIfAbsent(p.workloadKey(), k -> new ArrayList<>());
      if (!runs.isEmpty() && runs.get(0).workers() > p.workers()) {
        runs.clear();
      }
      if (runs.isEmpty() || runs.get(0).workers() == p.workers()) {
        runs.add(p);
      }
    }
    Map<String, Double> out = new HashMap<>();
    fewest.forEach(
        (k, runs) -> {
          double[] t = runs.stream().mapToDouble(Point::taskSeconds).sorted().toArray();
          out.put(k, t[(t.length - 1) / 2]);
        });
    return out;
  }

  public Constants constants() {
    return constants;
  }

  public Constants standardErrors() {
    return errors;
  }

  /** The busiest worker's fraction of {@code chains} chains spread over {@code workers}. */
  public static double chainShare(int chains, int workers) {
    if (chains <= 0 || workers <= 0) {
      throw new IllegalArgumentException(
          "scaling: chains and workers must be positive, got " + chains + " and " + workers);
    }
    return Math.ceil((double) chains / workers) / chains;
  }

  /** Fits the three parts to measured points (at least 3 of them, with 2 or more worker counts). */
  public static ScalingModel fit(List<Point> points) {
    if (points.size() < 3 || points.stream().mapToInt(Point::workers).distinct().count() < 2) {
      throw new IllegalArgumentException(
          "scaling: a fit needs 3 or more points over 2 or more worker counts, got "
              + points.size());
    }
    List<double[]> serialRows = new ArrayList<>();
    List<double[]> coordRows = new ArrayList<>();
    List<double[]> parallelRows = new ArrayList<>();
    double[] serial = new double[points.size()];
    double[] coord = new double[points.size()];
    double[] parallel = new double[points.size()];
    Map<String, Double> base = baselines(points);
    ScalingModel probe = new ScalingModel(null, null, base);
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      serialRows.add(new double[] {1, p.tasks(), p.driverBytes()});
      serial[i] = p.serial();
      coordRows.add(new double[] {1, p.syncs(), (double) p.syncs() * p.workers()});
      coord[i] = p.coord();
      double share = p.share() * probe.stretch(p);
      parallelRows.add(new double[] {share * p.tasks(), share * p.workerBytes()});
      parallel[i] = p.window() - p.share() * p.taskSeconds();
    }
    LeastSquares.Fit s = LeastSquares.fit(serialRows, serial);
    LeastSquares.Fit c = LeastSquares.fit(coordRows, coord);
    LeastSquares.Fit w = LeastSquares.fit(parallelRows, parallel);
    return new ScalingModel(
        of(s.coefficients(), c.coefficients(), w.coefficients()),
        of(s.standardErrors(), c.standardErrors(), w.standardErrors()),
        base);
  }

  private static Constants of(double[] s, double[] c, double[] w) {
    return new Constants(s[0], s[1], s[2], c[0], c[1], c[2], w[0], w[1]);
  }

  /** The model's wall time for a measured configuration on this host. */
  public double hostSeconds(Point p) {
    return hostSeconds(p, constants);
  }

  double hostSeconds(Point p, Constants k) {
    double share = p.share();
    return k.serialFixed()
        + k.serialPerTask() * p.tasks()
        + k.serialPerByte() * p.driverBytes()
        + k.coordPerRun()
        + p.syncs() * (k.coordPerSync() + k.coordPerWorkerSync() * p.workers())
        + share
            * (p.taskSeconds()
                + stretch(p) * (k.perTask() * p.tasks() + k.perByte() * p.workerBytes()));
  }

  /** The predicted wall time of {@code shape} on {@code workers} nodes. */
  public double predict(Shape shape, Node node, int workers) {
    return predict(shape, node, workers, constants, false);
  }

  /**
   * The prediction if the per-worker coordination measured here is work each TaskManager does for
   * itself (setting up its subtask), which the host's {@value #HOST_CORES} cores time-sliced and a
   * cluster's nodes do side by side: then a job costs {@code HOST_CORES * cWorker} whatever W.
   */
  public double predictParallelSetUp(Shape shape, Node node, int workers) {
    return predict(shape, node, workers, constants, true);
  }

  /** Cores of the host the constants were measured on. */
  public static final int HOST_CORES = 2;

  static double predict(Shape shape, Node node, int workers, Constants k, boolean parallelSetUp) {
    double share = chainShare(shape.chains(), workers);
    double perJobWorkers = parallelSetUp ? Math.min(workers, HOST_CORES) : workers;
    return k.serialFixed()
        + k.serialPerTask() * shape.tasks()
        + k.serialPerByte() * shape.driverBytes()
        + k.coordPerRun()
        + shape.syncs() * (k.coordPerSync() + k.coordPerWorkerSync() * perJobWorkers)
        + share * (shape.computeSeconds() + k.perTask() * shape.tasks())
        + shape.workerBytes(workers) * (k.perByte() + 1 / node.linkBytesPerSecond());
  }

  /**
   * The prediction's band: low, the per-worker set-up parallel ({@link #predictParallelSetUp}) with
   * every constant 2 standard errors below its fit; high, as fitted with every constant 2 standard
   * errors above; then the largest relative miss {@code relativeMiss} of the measured points on
   * either side.
   */
  public double[] band(Shape shape, Node node, int workers, double relativeMiss) {
    double low = predict(shape, node, workers, constants.shifted(errors, -2), true);
    double high = predict(shape, node, workers, constants.shifted(errors, 2), false);
    return new double[] {low * (1 - relativeMiss), high * (1 + relativeMiss)};
  }

  /** Parallel efficiency T(1) / (W T(W)) of the prediction. */
  public double efficiency(Shape shape, Node node, int workers) {
    return predict(shape, node, 1) / (workers * predict(shape, node, workers));
  }

  /** The same with the per-worker set-up parallel ({@link #predictParallelSetUp}). */
  public double efficiencyParallelSetUp(Shape shape, Node node, int workers) {
    return predictParallelSetUp(shape, node, 1)
        / (workers * predictParallelSetUp(shape, node, workers));
  }

  /**
   * The parts of a prediction, in seconds, by name ({@code serial}, {@code coordination}, {@code
   * compute}, {@code per-task}, {@code bytes}): which one stops the scaling.
   */
  public Map<String, Double> parts(Shape shape, Node node, int workers) {
    Constants k = constants;
    double share = chainShare(shape.chains(), workers);
    Map<String, Double> parts = new java.util.LinkedHashMap<>();
    parts.put(
        "serial",
        k.serialFixed()
            + k.serialPerTask() * shape.tasks()
            + k.serialPerByte() * shape.driverBytes());
    parts.put(
        "coordination",
        k.coordPerRun() + shape.syncs() * (k.coordPerSync() + k.coordPerWorkerSync() * workers));
    parts.put("compute", share * shape.computeSeconds());
    parts.put("per-task", share * k.perTask() * shape.tasks());
    parts.put("bytes", shape.workerBytes(workers) * (k.perByte() + 1 / node.linkBytesPerSecond()));
    return parts;
  }
}
