package io.taskbeam.slurm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.taskbeam.pipelines.kmeans.GatedKMeans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code flink/bin/taskbeam-sbatch} on a real SLURM ({@link SlurmLab}: munged, slurmctld and four
 * slurmd nodes in network namespaces): the blocked matmul submitted over two nodes gives the
 * verified result with a TaskManager on each node; a two-node worker job joins a running k-means,
 * runs its tasks and both its TaskManagers are drained on a plain scancel; a job cancelled mid-run
 * stops everything; and after each job no process of it is left. Needs root, {@code ip} and
 * Debian's {@code slurm-wlm} and {@code munge} ({@code .ci/install-test-tools} installs them);
 * skips with one line otherwise.
 */
class TaskbeamSbatchIT {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

  private static Path dir;
  private static SlurmLab slurm;
  private static Path script;

  @BeforeAll
  static void startSlurm() throws IOException {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "SLURM test skipped: needs root (network namespaces, slurmd)");
    String missing = SlurmLab.missingTool();
    Assumptions.assumeTrue(
        missing == null,
        "SLURM test skipped: " + missing + " not installed (.ci/install-test-tools installs it)");
    Path root = Path.of(System.getProperty("taskbeam.repoRoot", "..")).toAbsolutePath().normalize();
    script = root.resolve("flink/bin/taskbeam-sbatch");
    // Not JUnit's @TempDir: munged needs every parent of its socket searchable by all.
    dir = Files.createTempDirectory(Path.of("/tmp"), "taskbeam-slurm-it");
    slurm = SlurmLab.start(dir, 4, 2); // k-means on two nodes, its two-node worker job on two more
  }

  @AfterAll
  static void stopSlurm() throws IOException {
    if (slurm != null) {
      slurm.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The matmul over two nodes with TLS: verified, a TaskManager on each node, nothing left. */
  @Test
  void matmulOverTwoNodes() throws IOException {
    Path runs = dir.resolve("runs-matmul");
    String main =
        submit(
            runs,
            List.of("--num_nodes", "2", "--exec_time", "5"),
            "matmul",
            "--n=2048",
            "--blockSize=128");
    Path runDir = runs.resolve("job-" + main);
    slurm.awaitJobGone(main, JOB_TIMEOUT);
    String output = output(runs, main);
    assertThat(
        output, matchesPattern("(?s).*verify: max .* against a sequential EJML product .*: OK.*"));
    for (String node : List.of("node1", "node2")) {
      assertThat(
          output, containsString("taskmanager-" + node + " runs on " + node + " with 2 slot(s)"));
      assertThat(
          "the TaskManager of " + node + " stopped cleanly (SIGHUP: it ignores SIGTERM)",
          Files.readString(runDir.resolve("log/taskmanager-" + node + ".log")),
          containsString("RECEIVED SIGNAL 1: SIGHUP"));
    }
    assertThat(output, containsString("--flinkTls=" + runDir.resolve("tls/client")));
    assertThat(output, containsString("the program exited with code 0; cluster stopped"));
    assertThat(processesOf(runs), is(empty()));
  }

  /**
   * k-means on two nodes (TLS) and, while it runs, a worker job on the two other nodes: the program
   * ({@link GatedKMeans}, held at two points) uses the joined TaskManagers from its next sync point
   * (it says so, and each TaskManager runs tasks of it), a plain {@code scancel} of the worker job
   * drains both (the program holds its next job until they are idle and gone), the one {@code srun}
   * started on the worker job's second node too, and k-means ends with verified centroids, no
   * TaskManager lost, no Flink restart.
   */
  @Test
  void kmeansWithAWorkerJoiningAndLeaving() throws IOException {
    Path runs = dir.resolve("runs-kmeans");
    Path joinedGate = GatedKMeans.gate(runs, 1);
    Path drainedGate = GatedKMeans.gate(runs, 4);
    // 15 minutes: with other builds running (load 17 on 2 cores) the worker's TaskManager
    // registered 2 minutes after k-means started. The program is held (GatedKMeans) after
    // iteration 1 until the worker registered and after iteration 4 until it was drained, so
    // jobs run before, during and after the worker's stay whatever the host's speed; 24 centres
    // in 3 dimensions move until iteration 114, so all 8 iterations run, each a job.
    String main =
        submitProgram(
            runs,
            List.of("--num_nodes", "2", "--exec_time", "15"),
            List.of(
                "-Dapp=kmeans",
                GatedKMeans.class.getName(),
                "--gates=" + runs,
                "--holdAfter=1,4",
                "--points=100000",
                "--dims=3",
                "--k=24",
                "--fragments=8",
                "--epsilon=0",
                "--maxIterations=8",
                "--verify=true"));
    Path runDir = runs.resolve("job-" + main);
    Path mainOut = runs.resolve("slurm-" + main + ".out");
    awaitOutput(mainOut, "gated-kmeans: waiting for " + joinedGate);
    String worker =
        submitted(
            slurm.run(
                List.of(
                    script.toString(),
                    "--join",
                    runDir.toString(),
                    "--num_nodes",
                    "2",
                    "--exec_time",
                    "15", // it leaves by scancel, not by its time limit
                    "--run_dir",
                    runs.toString()),
                Map.of("TASKBEAM_CLUSTER_NO_BUILD", "1"),
                Duration.ofSeconds(60)));
    awaitOutput(runs.resolve("slurm-" + worker + ".out"), "taskmanager(s) joining the cluster");
    List<Path> joined = awaitJoinedLogs(runDir, worker, 2);
    for (Path log : joined) {
      awaitOutput(log, "Successful registration at resource manager");
    }
    Files.writeString(joinedGate, "");
    awaitOutput(mainOut, "taskbeam: the cluster now has 8 usable task slots (was 4)");
    awaitOutput(mainOut, "gated-kmeans: waiting for " + drainedGate);
    for (Path log : joined) {
      assertThat(
          "the joined " + log.getFileName() + " ran tasks of iterations 2 to 4",
          Files.readString(log),
          containsString("sending final execution state FINISHED"));
    }
    slurm.run(List.of("scancel", worker), Map.of(), Duration.ofSeconds(30)); // plain: SIGTERM
    slurm.awaitJobGone(worker, Duration.ofMinutes(2));
    String workerOut = output(runs, worker);
    for (Path log : joined) {
      String name = log.getFileName().toString().replaceFirst("\\.log$", "");
      assertThat(
          workerOut,
          matchesPattern(
              "(?s).*taskbeam-sbatch: "
                  + name
                  + " drained in [0-9.]+ s \\(1 driver\\(s\\) held their next job; .*"));
      assertThat(
          "stopped cleanly after the drain, not killed",
          Files.readString(log),
          containsString("RECEIVED SIGNAL 1: SIGHUP"));
    }
    assertThat(workerOut, not(containsString("not drained")));
    // The second node's TaskManager runs under srun, a process of the batch step, which the
    // cancel's SIGTERM reaches too: srun then asks slurmctld to kill its step with SIGKILL, which
    // slurmctld refuses for a job already cancelled (with scancel --full --signal=TERM, the job
    // still running, it does not refuse: that TaskManager was killed, "task 0: Killed").
    assertThat(workerOut, containsString("srun: forcing job termination"));
    assertThat(workerOut, not(containsString("Killed")));
    Files.writeString(drainedGate, "");

    slurm.awaitJobGone(main, JOB_TIMEOUT);
    String output = output(runs, main);
    assertThat(output, containsString("iteration 8:"));
    assertThat(output, matchesPattern("(?s).*against a sequential Lloyd's run.*: OK.*"));
    assertThat(output, containsString("next jobs run on 4"));
    assertThat(output, not(containsString("lost a TaskManager")));
    assertThat(output, containsString("the program exited with code 0; cluster stopped"));
    assertThat(
        "no job of k-means was restarted (a killed TaskManager fails its tasks)",
        Files.readString(runDir.resolve("log/jobmanager.log")),
        not(containsString("to RESTARTING")));
    assertThat(processesOf(runs), is(empty()));
  }

  @Test
  void cancelledMidRunStopsEverything() throws IOException {
    Path runs = dir.resolve("runs-cancel");
    String job =
        submit(
            runs,
            List.of("--num_nodes", "2", "--exec_time", "5", "--tls", "false"),
            "matmul",
            "--n=2048",
            "--blockSize=128");
    awaitOutput(runs.resolve("slurm-" + job + ".out"), "matmul blocks/inout:");
    SlurmLab.sleep(Duration.ofSeconds(3)); // the driver builds the graph and submits it
    slurm.run(List.of("scancel", job), Map.of(), Duration.ofSeconds(30));
    slurm.awaitJobGone(job, Duration.ofMinutes(2));
    String output = output(runs, job);

    assertThat(output, containsString("the allocation ends (time limit or scancel)"));
    assertThat(output, containsString("run directory kept: " + runs.resolve("job-" + job)));
    assertThat(processesOf(runs), is(empty()));
  }

  /**
   * The logs of the {@code count} TaskManagers worker job {@code job} started (named after their
   * node and the job: {@code taskmanager-node3-j9.log}).
   */
  private static List<Path> awaitJoinedLogs(Path runDir, String job, int count) throws IOException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<Path> joined = List.of();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> logs = Files.list(runDir.resolve("log"))) {
        joined =
            logs.filter(
                    p -> p.getFileName().toString().matches("taskmanager-.*-j" + job + "\\.log"))
                .sorted()
                .toList();
        if (joined.size() >= count) {
          return joined;
        }
      }
      SlurmLab.sleep(Duration.ofMillis(500));
    }
    throw new AssertionError(
        "worker job " + job + " wrote " + joined.size() + " of " + count + " TaskManager logs");
  }

  /** Submits the application {@code app} with the script from the controller's namespace. */
  private static String submit(Path runs, List<String> flags, String app, String... appArgs)
      throws IOException {
    List<String> program = new ArrayList<>(List.of("-Dapp=" + app, "io.taskbeam.pipelines.Main"));
    program.addAll(List.of(appArgs));
    return submitProgram(runs, flags, program);
  }

  /**
   * Submits {@code program} (JVM properties, a main class of this module's class path and its
   * arguments) with the script; the runs' work and program-runs directories and {@code {flink}} are
   * added.
   */
  private static String submitProgram(Path runs, List<String> flags, List<String> program)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(flags);
    command.addAll(List.of("--run_dir", runs.toString(), "--", javaBinary(), "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.add("-Dtaskbeam.runsDir=" + runs.resolve("program-runs"));
    command.addAll(program);
    command.add("--workDir=" + runs.resolve("work"));
    command.add("{flink}");
    return submitted(
        slurm.run(command, Map.of("TASKBEAM_CLUSTER_NO_BUILD", "1"), Duration.ofSeconds(60)));
  }

  /** The job id in the script's "submitted job N" line. */
  private static String submitted(String submitted) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("submitted job (\\d+)").matcher(submitted);
    assertThat(submitted, m.find(), is(true));
    return m.group(1);
  }

  /** Waits until {@code file} holds {@code text}; fails at once when the job ended without it. */
  private static void awaitOutput(Path file, String text) throws IOException {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (true) {
      String output = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (output.contains(text)) {
        return;
      }
      if (System.nanoTime() > deadline
          || output.contains("cluster stopped;")
          || output.contains("stopping this job's taskmanagers")) {
        throw new AssertionError(file + " did not get '" + text + "': " + output);
      }
      SlurmLab.sleep(Duration.ofSeconds(1));
    }
  }

  private static String output(Path runs, String job) throws IOException {
    Path file = runs.resolve("slurm-" + job + ".out");
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /**
   * Processes whose command line names {@code runs} (the job's JVMs, scripts and sruns), after
   * waiting up to 15 s for them to end: SLURM may still be reaping a job that just left the queue.
   */
  private static List<String> processesOf(Path runs) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<String> left = running(runs.toString());
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      SlurmLab.sleep(Duration.ofMillis(500));
      left = running(runs.toString());
    }
    return left;
  }

  private static List<String> running(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .filter(line -> line.contains(marker))
        .toList();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
