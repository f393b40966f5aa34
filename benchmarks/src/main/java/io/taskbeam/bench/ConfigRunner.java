package io.taskbeam.bench;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.matrix.Gemm;
import io.taskbeam.pipelines.kmeans.KMeans;
import io.taskbeam.pipelines.kmeans.SequentialLloyd;
import io.taskbeam.pipelines.matmul.BlockedMatMul;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;

/**
 * The body of one configuration, run in a JVM of its own (started by {@link Suite}): measures every
 * workload {@code runs} times after one warm-up run per kind of workload, verifies every result,
 * and prints one {@code ROW,<csv>} line per measured run on stdout.
 *
 * <pre>
 * java -cp ... io.taskbeam.bench.ConfigRunner --config=direct --workers=2 --runs=3 \
 *     --workloads=matmul:2048:512,tiny:1000:0 --workDir=/tmp/w [--handBeamSize=4096] \
 *     [--beam=--flinkMaster=...]
 * </pre>
 *
 * <p>Time is measured from the first task submitted to the product (or all results) back in the
 * program: graph build, compile, the run and reading results, not input generation or the check.
 * Sequential configurations time the one product call.
 */
public final class ConfigRunner {
  public static final String ROW_PREFIX = "ROW,";
  public static final String COST_PREFIX = "COST,";

  /** {@code FAIL,<workload spec>,<message>}: that workload failed; the others still run. */
  public static final String FAIL_PREFIX = "FAIL,";

  private final Config config;
  private final int workers;
  private final int runs;
  private final boolean commutative;

  /** The matmul size also run as a hand-made Beam pipeline (0: none). */
  private final int handBeamSize;

  private final String workDir;
  private final List<String> beamArgs;

  /** Reference centroids of the kmeans workload, by size (computed once). */
  private final Map<Integer, DMatrixRMaj> kmeansReference = new java.util.HashMap<>();

  private ConfigRunner(Map<String, List<String>> opts) {
    this.config = Config.of(Args.one(opts, "config", null));
    this.workers = Integer.parseInt(Args.one(opts, "workers", "1"));
    this.runs = Integer.parseInt(Args.one(opts, "runs", "3"));
    this.commutative = Args.one(opts, "update", "inout").equals("commutative");
    this.handBeamSize = Integer.parseInt(Args.one(opts, "handBeamSize", "0"));
    this.workDir = Args.one(opts, "workDir", System.getProperty("java.io.tmpdir"));
    this.beamArgs = opts.getOrDefault("beam", List.of());
  }

  public static void main(String[] args) throws Exception {
    Map<String, List<String>> opts = Args.parse(args);
    ConfigRunner runner = new ConfigRunner(opts);
    List<Workload> workloads = Workload.parseAll(Args.one(opts, "workloads", ""));
    int failed = runner.runAll(workloads);
    System.exit(failed == 0 ? 0 : 1); // exit: Flink and Beam may leave non-daemon threads
  }

  /** Runs every workload; one that fails is reported and the next one runs. Returns failures. */
  private int runAll(List<Workload> workloads) {
    if (config == Config.SEQ_BLAS) {
      Gemm.setThreads(workers);
    }
    System.out.println(
        "config "
            + config.label()
            + " x"
            + workers
            + ", kernel: "
            + (config == Config.SEQ_EJML ? "ejml (CommonOps_DDRM.mult)" : Gemm.kernelName()));
    Set<String> warm = new HashSet<>();
    int failed = 0;
    List<Workload> sessions = workloads.stream().filter(Workload::isSession).toList();
    List<Workload> seedPair =
        workloads.stream().filter(w -> w.isMatrix() && w.isDashboardPair()).toList();
    for (Workload w : workloads) {
      if ((!w.isMatrix() && !config.taskBased())
          || (w.isSession() && w != sessions.get(0))
          || (seedPair.contains(w) && w != seedPair.get(0))) {
        continue; // the session workloads run together, with the first of them; so does a pair
      }
      try {
        if (w.isSession()) {
          runSessions(sessions, warm);
        } else if (seedPair.contains(w)) {
          runAlternating(seedPair, warm);
        } else {
          runOne(w, warm);
        }
      } catch (RuntimeException | OutOfMemoryError e) {
        failed++;
        String message = String.valueOf(e.getMessage()).replace('\n', ' ');
        System.out.println(
            FAIL_PREFIX
                + w.spec()
                + ","
                + e.getClass().getSimpleName()
                + ": "
                + message.substring(0, Math.min(message.length(), 300)));
      }
    }
    return failed;
  }

  /**
   * A pair of matrix workloads that differ in the dashboard only: one warm-up, then their runs
   * alternate (off, on, off, on...), so that this machine's drift falls on both alike.
   */
  private void runAlternating(List<Workload> pair, Set<String> warm) {
    Workload small = pair.get(0).warmUp();
    if (warm.add(small.name())) {
      measure(small, Inputs.of(small.size()), commutative);
    }
    Inputs in = Inputs.of(pair.get(0).size());
    for (int run = 1; run <= runs; run++) {
      for (Workload w : pair) {
        double seconds =
            measure(w, w.size() == in.a.numRows ? in : Inputs.of(w.size()), commutative);
        Row row = Row.of(w, config.label(), workers, run, seconds, true, kernel(w));
        System.out.println(ROW_PREFIX + row.csv());
      }
    }
  }

  /** Warm-up (once per kind of workload), the measured runs, the hand-made comparison. */
  private void runOne(Workload w, Set<String> warm) {
    Inputs in = w.isMatrix() ? Inputs.of(w.size()) : null;
    if (!w.name().equals(Workload.FIRST_SYNC) && warm.add(w.warmUp().name())) {
      Workload small = w.warmUp();
      measure(small, small.isMatrix() ? Inputs.of(small.size()) : null, commutative);
    }
    for (int run = 1; run <= runs; run++) {
      double seconds = measure(w, in, commutative);
      Row row = Row.of(w, config.label(), workers, run, seconds, config.taskBased(), kernel(w));
      System.out.println(ROW_PREFIX + row.csv());
    }
    // Not on flink-cluster: a plain Beam job uploads the driver's whole classpath (Beam's
    // default, ~25 s per job), which would measure staging, not the pipeline.
    if (w.name().equals(Workload.MATMUL)
        && w.size() == handBeamSize
        && (config == Config.DIRECT || config == Config.FLINK_EMBEDDED)) {
      compareWithHandMadeBeam(w, in);
    }
  }

  /** taskbeam (COMMUTATIVE: one stage) against the same product as a hand-made pipeline. */
  private void compareWithHandMadeBeam(Workload w, Inputs in) {
    measure(w.warmUp(), Inputs.of(w.warmUp().size()), true);
    HandBeamMatMul.multiply(
        w.warmUp().blockSize(),
        Inputs.of(w.warmUp().size()).a,
        Inputs.of(w.warmUp().size()).b,
        runnerArgs());
    for (int run = 1; run <= runs; run++) {
      double sdk = measure(w, in, true);
      long start = System.nanoTime();
      DMatrixRMaj c = HandBeamMatMul.multiply(w.blockSize(), in.a, in.b, runnerArgs());
      double hand = (System.nanoTime() - start) / 1e9;
      ProductCheck.verify(in.a, in.b, c, "hand-made Beam " + w.spec());
      printCost(w, run, sdk, "taskbeam-commutative");
      printCost(w, run, hand, "hand-beam");
    }
  }

  /** One {@code COST,} line: the run's seconds of {@code what} on workload {@code w}. */
  private void printCost(Workload w, int run, double seconds, String what) {
    System.out.println(
        COST_PREFIX
            + String.join(
                ",",
                w.name(),
                Integer.toString(w.size()),
                config.label(),
                Integer.toString(workers),
                Integer.toString(run),
                String.format(java.util.Locale.ROOT, "%.4f", seconds),
                what));
  }

  private String kernel(Workload w) {
    if (!w.isMatrix()) {
      return "none";
    }
    return config == Config.SEQ_EJML ? "ejml" : Gemm.kernelTag();
  }

  /** Runs {@code w} once and returns the measured seconds; throws if the result is wrong. */
  private double measure(Workload w, Inputs in, boolean commutativeUpdate) {
    String what = config.label() + " x" + workers + " " + w.spec();
    switch (config) {
      case SEQ_EJML, SEQ_BLAS:
        {
          DMatrixRMaj c = new DMatrixRMaj(w.size(), w.size());
          long start = System.nanoTime();
          if (config == Config.SEQ_EJML) {
            CommonOps_DDRM.mult(in.a, in.b, c);
          } else {
            Gemm.mult(in.a, in.b, c);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          ProductCheck.verify(in.a, in.b, c, what);
          return seconds;
        }
      default:
        {
          if (w.name().equals(Workload.SYNC)) {
            return syncRoundTrip(w);
          }
          if (w.name().equals(Workload.KMEANS)) {
            return kmeans(w, what);
          }
          if (w.name().equals(Workload.KMEANS_FRESH)) {
            return ResumeProgram.seconds(
                "full", w.size(), w.resumeIterations(), runnerArgs(), what);
          }
          if (w.name().equals(Workload.KMEANS_RESUMED)) {
            ResumeProgram.seconds("crash", w.size(), w.resumeIterations(), runnerArgs(), what);
            return ResumeProgram.seconds(
                "resume", w.size(), w.resumeIterations(), runnerArgs(), what);
          }
          if (w.name().equals(Workload.FIRST_SYNC)) {
            return ChildJvm.firstSync(runnerArgs(), what);
          }
          if (w.name().equals(Workload.FIRST_TASK)) {
            try (TaskBeam tb = TaskBeam.start(runnerArgs())) {
              return Overlap.firstTask(tb, w.size());
            }
          }
          DMatrixRMaj c = null;
          double seconds;
          try (TaskBeam tb = TaskBeam.start(runnerArgs(w))) {
            long start = System.nanoTime();
            if (w.isMatrix()) {
              c = BlockedMatMul.multiply(tb, in.a, in.b, w.blockSize(), commutativeUpdate);
            } else if (w.name().equals(Workload.OVERLAP)) {
              Overlap.run(tb, w.size());
            } else {
              TinyTasks.run(tb, w.size());
            }
            seconds = (System.nanoTime() - start) / 1e9;
          }
          if (c != null) {
            ProductCheck.verify(in.a, in.b, c, what);
          }
          return seconds;
        }
    }
  }

  /**
   * The session workload: warm-up, then per run {@link Workload#SESSION_SYNCS} sync points of
   * {@code size / SESSION_SYNCS} tiny tasks in one session with the default options (for {@code
   * dashboard-off} and {@code dashboard-auto}: with that {@code --dashboard}), every future dropped
   * but the one waited on. The row's time runs from the first submit to the last value; its
   * retained heap is the largest heap in use after a sync point (full collections forced) above the
   * heap in use before the session. The runs of several session workloads alternate (off, auto,
   * off, auto...), so that this machine's drift over minutes falls on each of them alike.
   */
  private void runSessions(List<Workload> sessions, Set<String> warm) {
    for (Workload w : sessions) {
      if (warm.add(w.warmUp().name())) {
        measure(w.warmUp(), null, commutative);
      }
    }
    for (int run = 1; run <= runs; run++) {
      for (Workload w : sessions) {
        runSession(w, run);
      }
    }
  }

  private void runSession(Workload w, int run) {
    SessionRun.Result r = SessionRun.run(runnerArgs(w), w.size(), Workload.SESSION_SYNCS);
    Row row =
        Row.of(w, config.label(), workers, run, r.seconds(), true, kernel(w))
            .withRetainedMb(r.retainedBytes() / 1e6);
    System.out.println(ROW_PREFIX + row.csv());
  }

  /** The median round trip of {@code size} sync points of one task, after warm-ups. */
  private double syncRoundTrip(Workload w) {
    try (TaskBeam tb = TaskBeam.start(runnerArgs())) {
      return SyncPoints.quantile(SyncPoints.roundTrips(tb, w.size()), 0.5);
    }
  }

  /**
   * {@link Workload#KMEANS_ITERATIONS} iterations of the pipelines' k-means (one sync point each)
   * over the points put into the session beforehand; checked against a sequential run.
   */
  private double kmeans(Workload w, String what) {
    KMeansData data = KMeansData.of(w.size());
    DMatrixRMaj expected =
        kmeansReference.computeIfAbsent(
            w.size(),
            n ->
                SequentialLloyd.run(data.points(), data.initial(), -1, Workload.KMEANS_ITERATIONS)
                    .centroids());
    double seconds;
    KMeans.Result result;
    try (TaskBeam tb = TaskBeam.start(runnerArgs())) {
      List<TaskFuture<DMatrixRMaj>> fragments = new ArrayList<>();
      for (DMatrixRMaj f : data.fragments()) {
        fragments.add(tb.put(f));
      }
      long start = System.nanoTime();
      // epsilon -1: every iteration runs, as in the Dask peer
      result =
          KMeans.cluster(
              tb, fragments, data.initial(), -1, Workload.KMEANS_ITERATIONS, (i, shift) -> {});
      seconds = (System.nanoTime() - start) / 1e9;
    }
    if (result.iterations() != Workload.KMEANS_ITERATIONS || result.points() != w.size()) {
      throw new IllegalStateException(
          what
              + ": ran "
              + result.iterations()
              + " iterations over "
              + result.points()
              + " points");
    }
    KMeansData.check(expected, result.centroids(), what);
    return seconds;
  }

  /** {@link #runnerArgs()} and the workload's {@code --dashboard}, where it names one. */
  private String[] runnerArgs(Workload w) {
    List<String> args = new ArrayList<>(List.of(runnerArgs()));
    if (w.dashboardOption() != null) {
      args.add(w.dashboardOption());
    }
    return args.toArray(new String[0]);
  }

  private String[] runnerArgs() {
    List<String> args = new ArrayList<>();
    switch (config) {
      case MEMORY -> args.add("--runner=InMemoryRunner");
      case DIRECT -> args.add("--runner=DirectRunner");
      case DIRECT_PIPELINED -> {
        args.add("--runner=DirectRunner");
        args.add("--pipelined=true");
      }
      case DIRECT_PER_JOB -> {
        args.add("--runner=DirectRunner");
        args.add("--longLivedJob=false");
      }
      case DIRECT_NO_CHECKPOINT -> {
        args.add("--runner=DirectRunner");
        args.add("--checkpoint=off");
      }
      case DIRECT_NO_DASHBOARD -> {
        args.add("--runner=DirectRunner");
        args.add("--dashboard=off");
      }
      case DIRECT_CHECKPOINT_TASKS100 -> {
        args.add("--runner=DirectRunner");
        args.add("--checkpoint=tasks:100");
      }
      case FLINK_EMBEDDED -> {
        args.add("--runner=FlinkRunner");
        args.add("--flinkMaster=[local]");
      }
      case FLINK_EMBEDDED_PER_JOB -> {
        args.add("--runner=FlinkRunner");
        args.add("--flinkMaster=[local]");
        args.add("--longLivedJob=false");
      }
      case FLINK_CLUSTER -> args.add("--runner=FlinkRunner");
      case FLINK_CLUSTER_PIPELINED -> {
        args.add("--runner=FlinkRunner");
        args.add("--pipelined=true");
      }
      default -> throw new IllegalStateException(config.label() + " runs no pipeline");
    }
    args.add("--parallelism=" + workers);
    args.add("--workDir=" + workDir);
    args.addAll(beamArgs);
    return args.toArray(new String[0]);
  }

  /** The two random n x n factors of a product, the same for every configuration. */
  record Inputs(DMatrixRMaj a, DMatrixRMaj b) {
    static Inputs of(int n) {
      Random random = new Random(42);
      return new Inputs(
          RandomMatrices_DDRM.rectangle(n, n, -1, 1, random),
          RandomMatrices_DDRM.rectangle(n, n, -1, 1, random));
    }
  }
}
