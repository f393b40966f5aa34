package io.taskbeam.bench;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.matrix.Gemm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end benchmark suite: {@code benchmarks/run [options]} from the repository root. Runs
 * every configuration (each in fresh processes: a JVM per configuration, a Flink cluster or Dask
 * cluster where it needs one) on every workload, {@code --runs} times after a warm-up, and writes
 * to {@code --out}: {@code results.csv} (one row per run), {@code sdk_cost.csv} (taskbeam against a
 * hand-made Beam pipeline), {@code results.md} (medians), {@code results.svg} (chart) and {@code
 * machine.md}.
 *
 * <p>Options: {@code --quick} (smallest size of each workload, one run, results checked, into
 * {@code benchmarks/target/quick-results}), {@code --runs=N} (default 3), {@code
 * --configs=direct,dask,...}, {@code
 * --workloads=seed1000,matmul,tiny,sync,kmeans,first-sync,session,dashboard-off,dashboard-auto}
 * (any of {@link Workload#NAMES}) or specs such as {@code matmul:4096:1024}, {@code --workers=1,2},
 * {@code --update=inout|commutative}, {@code --ejmlMaxSize=N} (seq-ejml skips larger products:
 * n=8192 takes minutes per run), {@code --reportOnly} (rewrite the table, chart and targets from
 * {@code results.csv}, measuring nothing), {@code --append} (keep the results of an earlier run in
 * {@code --out}, replacing only the configurations and workloads measured now), {@code
 * --handBeamSize=N} (the matmul size also run as a hand-made Beam pipeline on direct and
 * flink-embedded, 0 for none; default 4096), {@code --out=DIR}, {@code --skip=dask:tiny,...} (leave
 * those configuration/workload pairs out: Dask's 100,000 tiny tasks take about 5 minutes per run),
 * {@code --heap=8g} (of each child JVM; 2g with --quick), {@code --python=PATH}.
 */
public final class Suite {
  /** Every option the suite reads: any other name is a typo, refused before an hour of runs. */
  static final Set<String> OPTIONS =
      Set.of(
          "quick",
          "runs",
          "configs",
          "workloads",
          "workers",
          "update",
          "ejmlMaxSize",
          "reportOnly",
          "append",
          "handBeamSize",
          "out",
          "skip",
          "heap",
          "python",
          "daskScript",
          "tmMemory");

  private static final String USAGE =
      "usage: benchmarks/run [--quick] [--runs=N] [--configs=direct,dask,...] [--workloads="
          + String.join(",", Workload.NAMES)
          + "] [--workers=1,2] [--update=inout|commutative] [--skip=CONFIG:WORKLOAD,...]"
          + " [--out=DIR] [--append] [--reportOnly] [--heap=8g] [--tmMemory=4g]"
          + " [--handBeamSize=N] [--ejmlMaxSize=N] [--python=PATH] [--daskScript=FILE]"
          + " [--no-install]";

  private static final String EARLIER = " (earlier run)";
  private final Map<String, List<String>> opts;
  private final boolean quick;
  private final int runs;
  private final Path out;
  private final Results results;

  /** Scratch space of this run (taskbeam work dirs, the Flink cluster's run dir), deleted after. */
  private final Path scratch =
      Path.of(
          System.getProperty("java.io.tmpdir"), "taskbeam-bench-" + ProcessHandle.current().pid());

  private final List<String> loadLog = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** Steps left out because an optional library is missing, each with its reason. */
  private final List<String> skipped = new ArrayList<>();

  private String daskVersions;
  private final String commit = MachineInfo.commit();

  private Suite(Map<String, List<String>> opts) {
    this.opts = opts;
    this.quick = Boolean.parseBoolean(Args.one(opts, "quick", "false"));
    this.runs = Args.positive(opts, "runs", quick ? 1 : 3);
    this.out =
        Path.of(
            Args.one(
                opts, "out", quick ? "benchmarks/target/quick-results" : "benchmarks/results"));
    this.results = new Results(out);
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmarks: error: " + e.getMessage());
      code = 1;
    }
    System.exit(code);
  }

  /** Runs the suite; returns 0 when every configuration ran and every result was right. */
  public static int run(String[] args) {
    Map<String, List<String>> opts = Args.parse(args);
    if (opts.containsKey("help")) {
      System.out.println(USAGE);
      return 0;
    }
    for (String name : opts.keySet()) {
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; see benchmarks/run --help for the options");
      }
    }
    Suite suite = new Suite(opts);
    boolean reportOnly = Boolean.parseBoolean(Args.one(suite.opts, "reportOnly", "false"));
    List<Step> steps = reportOnly ? List.of() : suite.plan();
    if (reportOnly || Boolean.parseBoolean(Args.one(suite.opts, "append", "false"))) {
      Set<String> rerun = new java.util.HashSet<>();
      steps.forEach(s -> rerun.add(s.name()));
      Set<String> remeasured = new java.util.HashSet<>();
      for (Step s : steps) {
        s.workloads()
            .forEach(
                w ->
                    remeasured.add(
                        Results.key(s.config().label(), s.workers(), w.name(), w.size())));
      }
      suite.results.keepEarlier(remeasured);
      for (String f : suite.results.earlierItems(Results.TABLE, "## Not measured")) {
        if (!rerun.contains(f.substring(0, Math.max(0, f.indexOf(':'))))) {
          suite.failures.add(f);
        }
      }
      for (String l : suite.results.earlierItems(Results.MACHINE, "## Load while measuring")) {
        if (!rerun.contains(l.substring(0, Math.max(0, l.indexOf(':'))))) {
          suite.loadLog.add(l.endsWith(EARLIER) ? l : l + EARLIER);
        }
      }
    }
    System.out.println(
        "benchmarks: "
            + steps.size()
            + " configuration runs, "
            + suite.runs
            + " run(s) each, results in "
            + suite.out);
    try {
      for (Step step : steps) {
        suite.runStep(step, String.join(" ", args));
      }
      if (reportOnly) {
        suite.results.write(
            suite.failures,
            suite.skipped,
            MachineInfo.describe(
                String.join(" ", args), suite.commit, suite.loadLog, suite.daskVersions));
      }
    } finally {
      SuiteFiles.deleteTree(suite.scratch);
    }
    if (!suite.failures.isEmpty()) {
      System.err.println(
          "benchmarks: error: "
              + suite.failures.size()
              + " configuration(s) "
              + "failed: "
              + String.join("; ", suite.failures));
      return 1;
    }
    System.out.println("benchmarks: done: " + suite.out.resolve(Results.CSV));
    return 0;
  }

  /** One configuration with a number of workers and the workloads it runs. */
  record Step(Config config, int workers, List<Workload> workloads) {
    String name() {
      return config.label() + " x" + workers;
    }
  }

  List<Step> plan() {
    List<Config> configs = new ArrayList<>();
    for (String c : Args.one(opts, "configs", String.join(",", Config.labels())).split(",")) {
      configs.add(Config.of(c.trim()));
    }
    Set<Integer> workerCounts = new LinkedHashSet<>();
    for (String w : Args.one(opts, "workers", "1,2").split(",")) {
      workerCounts.add(Integer.parseInt(w.trim()));
    }
    List<Workload> workloads = workloads();
    Set<String> skips = new java.util.HashSet<>();
    for (String t : Args.one(opts, "skip", "").split(",")) {
      if (!t.isBlank()) {
        String[] p = t.trim().split(":");
        if (p.length != 2) {
          throw new IllegalArgumentException(
              "--skip=" + t.trim() + " is not config:workload (e.g. --skip=dask:tiny)");
        }
        Config.of(p[0]); // names the choices when the configuration is unknown
        if (!Workload.NAMES.contains(p[1])) {
          throw new IllegalArgumentException(
              "--skip=" + t.trim() + ": unknown workload; use one of " + Workload.NAMES);
        }
        skips.add(p[0] + ":" + p[1]);
      }
    }
    int ejmlMax = Args.positive(opts, "ejmlMaxSize", 4096);
    List<Step> steps = new ArrayList<>();
    for (Config c : configs) {
      for (int w : workerCounts) {
        if (c == Config.SEQ_EJML && w != 1) {
          continue; // EJML's product is single-threaded
        }
        if (c == Config.SEQ_BLAS && w != 1 && !Gemm.isNative()) {
          // The Java kernel has one thread: a "2-thread" baseline would be a 1-thread one.
          String why =
              c.label()
                  + " x"
                  + w
                  + ": skipped: the block kernel is "
                  + Gemm.kernelName()
                  + ", which runs on one thread";
          if (!skipped.contains(why)) {
            skipped.add(why);
            System.out.println("benchmarks: " + why);
          }
          continue;
        }
        List<Workload> mine = new ArrayList<>();
        for (Workload wl : workloads) {
          // first-sync: a fresh driver JVM per run, on 2 workers only (its targets); session and
          // the dashboard pair: the 1M-task targets are the DirectRunner's; Dask's peer script
          // runs none of them
          boolean skip =
              (!c.taskBased() && !wl.isMatrix())
                  || (c == Config.SEQ_EJML && wl.size() > ejmlMax)
                  || (c == Config.FLINK_EMBEDDED && wl.name().equals(Workload.KMEANS))
                  || (wl.name().equals(Workload.FIRST_SYNC) && (c == Config.DASK || w != 2))
                  || ((wl.isSession() || wl.isDashboardPair()) && (c != Config.DIRECT || w != 2))
                  // the resume pair: fresh JVMs on the DirectRunner and the local cluster, x2
                  || (wl.isResume()
                      && (w != 2 || (c != Config.DIRECT && c != Config.FLINK_CLUSTER)))
                  // the checkpoint cost's pair of direct: its targets name these two on 2 workers
                  // the dashboard's pair of direct: the seed shape on 2 workers
                  || (c == Config.DIRECT_NO_DASHBOARD
                      && (w != 2 || !wl.name().equals(Workload.SEED)))
                  || ((c == Config.DIRECT_NO_CHECKPOINT || c == Config.DIRECT_CHECKPOINT_TASKS100)
                      && (w != 2
                          || !(wl.name().equals(Workload.SEED)
                              || wl.name().equals(Workload.KMEANS))))
                  // the pipelined cluster: the workloads of tasks started as submitted
                  || (c == Config.FLINK_CLUSTER_PIPELINED
                      && !(wl.name().equals(Workload.OVERLAP)
                          || wl.name().equals(Workload.FIRST_TASK)
                          || wl.name().equals(Workload.SYNC)))
                  || (c == Config.DASK
                      && (wl.name().equals(Workload.OVERLAP)
                          || wl.name().equals(Workload.FIRST_TASK)))
                  || skips.contains(c.label() + ":" + wl.name());
          if (!skip) {
            mine.add(wl);
          }
        }
        if (!mine.isEmpty()) {
          steps.add(new Step(c, w, mine));
        }
      }
    }
    return steps;
  }

  private List<Workload> workloads() {
    List<Workload> all = quick ? Workload.quick() : Workload.full();
    String wanted = Args.one(opts, "workloads", "");
    if (wanted.isBlank()) {
      return all;
    }
    List<Workload> out = new ArrayList<>();
    for (String token : wanted.split(",")) {
      String t = token.trim();
      if (t.contains(":")) {
        out.add(Workload.parse(t));
      } else {
        List<Workload> named = all.stream().filter(w -> w.name().equals(t)).toList();
        if (named.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown workload '"
                  + t
                  + "': use "
                  + String.join(", ", Workload.NAMES)
                  + " or a spec such as matmul:4096:1024");
        }
        out.addAll(named);
      }
    }
    return out;
  }

  private void runStep(Step step, String arguments) {
    String before = MachineInfo.load();
    long start = System.nanoTime();
    System.out.println(
        "== "
            + step.name()
            + ": "
            + step.workloads().stream().map(Workload::spec).toList()
            + " (load "
            + before
            + ")");
    String error;
    try {
      error =
          switch (step.config()) {
            case DASK -> runDask(step);
            case FLINK_CLUSTER, FLINK_CLUSTER_PIPELINED -> runOnCluster(step);
            default -> runJvm(step, List.of());
          };
    } catch (RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    double took = (System.nanoTime() - start) / 1e9;
    loadLog.add(
        String.format(
            java.util.Locale.ROOT,
            "%s: load %s at start, %s at end, %.0f s%s",
            step.name(),
            before,
            MachineInfo.load(),
            took,
            error == null ? "" : " (FAILED)"));
    if (error != null) {
      failures.add(step.name() + ": " + error);
      System.err.println("benchmarks: " + step.name() + " failed: " + error);
    }
    results.write(
        failures, skipped, MachineInfo.describe(arguments, commit, loadLog, daskVersions));
  }

  /**
   * Runs the configuration in a child JVM; returns null or what went wrong. The heap is fixed and
   * touched at start-up, as on the TaskManagers (flink/conf/config.yaml): otherwise the first
   * measured run pays for the VM's first touch of the memory that holds the blocks (measured on the
   * seed product: the driver's split before the sync point took 6.6-7.7 s in the first run, 0.6-0.9
   * s in the next ones). G1 runs with 32 MiB regions, as on the TaskManagers: with the default 4
   * MiB regions of an 8g heap every block of 768 or 1024 is humongous (matmul n=8192 on the
   * DirectRunner x2: 594 GC pauses, 17.7 s of them, and 16.7-27.4 s per run; with 32 MiB regions 51
   * pauses, 1.9 s, and 14.1-17.0 s per run).
   */
  private String runJvm(Step step, List<String> beamArgs) {
    String heap = Args.one(opts, "heap", quick ? "2g" : "8g"); // quick: n <= 2048
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Xms" + heap,
                "-XX:+AlwaysPreTouch",
                "-XX:G1HeapRegionSize=32m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                // taskbeam's per-run report folders go to the scratch space, not ~/.taskbeam/runs
                "-Dtaskbeam.runsDir=" + scratch.resolve("runs")));
    cmd.addAll(kernelProperties());
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ConfigRunner.class.getName(),
            "--config=" + step.config().label(),
            "--workers=" + step.workers(),
            "--runs=" + runs,
            "--update=" + Args.one(opts, "update", "inout"),
            "--handBeamSize=" + (quick ? "0" : Args.one(opts, "handBeamSize", "4096")),
            "--workDir=" + scratch.resolve("work"),
            "--workloads="
                + String.join(",", step.workloads().stream().map(Workload::spec).toList())));
    for (String a : beamArgs) {
      cmd.add("--beam=" + a);
    }
    return ChildProcess.run(cmd, Map.of(), results, step.name());
  }

  /**
   * The block kernel's system properties of this JVM ({@code -Dtaskbeam.kernel=java}, {@code
   * -Dtaskbeam.blasThreads}, netlib's library choice), passed on so that every child JVM runs the
   * kernel this one reports in {@code machine.md} and plans for.
   */
  static List<String> kernelProperties() {
    List<String> out = new ArrayList<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.equals("taskbeam.kernel")
          || key.equals("taskbeam.blasThreads")
          || key.startsWith("dev.ludovic.netlib.")) {
        out.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    out.sort(null);
    return out;
  }

  /** Starts a local Flink cluster of {@code workers} TaskManagers (1 slot each) around it. */
  private String runOnCluster(Step step) {
    Path runDir = scratch.resolve("flink-cluster");
    try (LocalFlinkCluster cluster =
        LocalFlinkCluster.builder()
            .runDir(runDir)
            .taskManagers(step.workers())
            .slotsPerTaskManager(1)
            .freePorts()
            // room for the blocks a TaskManager holds: B and its chunk's C (n=8192: 1 GiB); the
            // managed fraction of flink/conf leaves most of it to the heap
            .config("taskmanager.memory.process.size", Args.one(opts, "tmMemory", "4g"))
            .readyTimeout(java.time.Duration.ofSeconds(120))
            .build()
            .start()) {
      System.out.println(
          "   cluster up at "
              + cluster.restAddress()
              + " in "
              + cluster.startupTime().toMillis()
              + " ms; warmed up in "
              // as flink/bin/cluster start does: the first-sync row measures a fresh driver JVM
              // against a started cluster, not the TaskManagers' first class loading
              + cluster.warmUp().toMillis()
              + " ms");
      return runJvm(step, List.of("--flinkMaster=" + cluster.restAddress()));
    }
  }

  private String runDask(Step step) {
    DaskPeer dask =
        new DaskPeer(
            Args.one(opts, "python", DaskPeer.defaultPython()),
            Path.of(Args.one(opts, "daskScript", "benchmarks/dask_bench.py")));
    String missing = dask.missing();
    if (missing != null) {
      return missing;
    }
    daskVersions = dask.versions();
    Path kmeansData = scratch.resolve("kmeans-data");
    for (Workload w : step.workloads()) {
      if (w.name().equals(Workload.KMEANS)) {
        for (Workload each : List.of(w.warmUp(), w)) {
          Path dir = kmeansData.resolve(Integer.toString(each.size()));
          if (!java.nio.file.Files.isRegularFile(dir.resolve("meta.txt"))) {
            KMeansData data = KMeansData.of(each.size());
            data.write(
                dir,
                io.taskbeam.pipelines.kmeans.SequentialLloyd.run(
                        data.points(), data.initial(), -1, Workload.KMEANS_ITERATIONS)
                    .centroids());
          }
        }
      }
    }
    return dask.run(step.workers(), runs, step.workloads(), results, step.name(), kmeansData);
  }
}
