package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.matrix.MatrixMarket;
import io.taskbeam.pipelines.ProgramRuns;
import io.taskbeam.pipelines.cholesky.CholeskyMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures on a real cluster (1 JobManager + 1 TaskManager, free loopback ports) end as they do on
 * the DirectRunner: one line, the task's own message, no Flink client log flood. The programs run
 * in a child JVM started as {@code mvn exec:java} starts them ({@link ExecJavaLike}), where Flink's
 * client cannot deserialize a job's failure. One test sends SIGTERM to a driver mid-job: its job
 * ends CANCELED and its session directory is gone. The last test kills the JobManager mid-job and
 * measures the time to the one-line error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailuresIT {
  /**
   * The Flink runner's promise for a lost JobManager (its {@code JobFailures.LOSS_BOUND}): written
   * out here, not imported from the runner's internals, so changing the promise fails this test.
   */
  private static final Duration JOB_MANAGER_LOSS_BOUND = Duration.ofSeconds(10);

  private static LocalFlinkCluster cluster;
  @TempDir static Path dir;

  @BeforeAll
  static void startCluster() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(Path.of("target", "it-failures-cluster"))
            .taskManagers(1)
            .freePorts()
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close(); // also the TaskManager orphaned by the last test
    }
  }

  @Test
  @Order(1)
  void taskFailureIsTheSameOneLineAsOnTheDirectRunner() throws Exception {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(40, 40, -1, 1, new java.util.Random(3));
    DMatrixRMaj a = new DMatrixRMaj(40, 40);
    CommonOps_DDRM.multTransB(m, m, a); // M M^T + 40 I is positive definite ...
    for (int i = 0; i < 40; i++) {
      a.add(i, i, 40);
    }
    a.set(25, 25, -1); // ... until one diagonal entry of block (2,2) is negative
    Path bad = dir.resolve("bad.mtx");
    MatrixMarket.write(bad, a);
    String direct =
        ProgramRuns.fail(
            "cholesky",
            CholeskyMain::run,
            ProgramRuns.with(
                ProgramRuns.direct(dir), "--input=" + bad, "--blockSize=10", "--observe=false"));
    assertThat(direct, startsWith("cholesky: error: block (2,2) is not positive definite: pivot "));

    ChildProgram child =
        ChildProgram.start(
            dir,
            "2g",
            List.of(System.getProperty("java.class.path")),
            "cholesky",
            "--profile=flink-cluster",
            "--flinkMaster=" + cluster.restAddress(),
            "--input=" + bad,
            "--blockSize=10",
            "--observe=false",
            "--workDir=" + dir.resolve("work"));
    assertThat(child.waitFor(Duration.ofSeconds(180)), is(1));
    String err = child.stderr();
    assertThat(child.lastLine(), equalTo(direct));
    assertThat(err, not(containsString("ClassNotFoundException")));
    assertThat(err, not(containsString("RestClient")));
    assertThat(err, not(containsString("SerializedThrowable")));
    assertThat("stderr bytes", err.length(), lessThan(20_000));
  }

  /**
   * As the README runs an application on the local cluster (slf4j-simple at its exec:java levels):
   * the failure in at most 5 lines, the task's message first, the whole trace in the run directory.
   * Beam's FlinkRunner logged 125 lines of trace at ERROR before the message.
   */
  @Test
  @Order(1)
  void taskFailureOnTheClusterIsAtMostFiveLinesCauseFirst() throws Exception {
    Path bad = FailureOutput.notPositiveDefinite(dir.resolve("not-spd.mtx"));
    FailureOutput.Result run =
        FailureOutput.run(
            dir,
            FailureOutput.execJavaClasspath(),
            "cholesky",
            "--runner=FlinkRunner",
            "--flinkMaster=" + cluster.restAddress(),
            "--input=" + bad,
            "--blockSize=10",
            "--runsDir=" + dir.resolve("runs-lines"),
            "--workDir=" + dir.resolve("work"));
    assertThat(run.stderr(), run.exit(), is(1));
    List<String> lines = FailureOutput.assertShortCauseFirst(run.stderr());
    System.out.printf(
        "cluster: %d stderr lines, %d of them the failure%n",
        run.stderr().lines().count(), lines.size());
  }

  @Test
  @Order(2)
  void aDriverGivenSigtermCancelsItsJobAndRemovesItsSessionDirectory() throws Exception {
    Path work = dir.resolve("work-sigterm");
    Path runs = dir.resolve("runs-sigterm");
    ChildProgram child =
        largeMatmulOnTheCluster("--progress=off", "--runsDir=" + runs, "--workDir=" + work);
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    String job;
    while ((job = runningJob()) == null) {
      assertThat("the job did not start within 180 s", System.nanoTime() < deadline, is(true));
      assertThat("the program ended early: " + child.stderr(), child.process().isAlive(), is(true));
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    assertThat(sessions(work).size(), is(1));
    long signalled = System.nanoTime();
    child.process().destroy(); // SIGTERM
    int exit = child.waitFor(Duration.ofSeconds(60));
    double seconds = (System.nanoTime() - signalled) / 1e9;
    System.out.printf("driver SIGTERMed -> exited %d in %.2f s%n", exit, seconds);
    String err = child.stderr();
    assertThat(err, exit, is(143));
    assertThat(err, jobState(job), is("CANCELED")); // the exit hook waited for the cancellation
    assertThat(seconds, lessThan(30.0));
    assertThat(
        child.lastLine(),
        org.hamcrest.Matchers.matchesPattern(
            "taskbeam: interrupted during sync point [0-9]+: cancelled Flink job "
                + job
                + " \\(CANCELED in [0-9.]+ s\\); removed the session directory "
                + java.util.regex.Pattern.quote(work.toString())
                + "/session-.*"));
    assertThat(sessions(work), is(List.of()));
    Thread.sleep(2000); // a worker still writing would recreate part of it now
    assertThat(sessions(work), is(List.of()));
    List<Path> logs;
    try (var found = Files.walk(runs)) {
      logs = found.filter(p -> p.getFileName().toString().equals("run.log")).toList();
    }
    assertThat(logs.size(), is(1));
    assertThat(
        Files.readString(logs.get(0)),
        containsString("INTERRUPTED: interrupted during sync point "));
  }

  private static List<Path> sessions(Path work) throws Exception {
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (var entries = Files.list(work)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("session-")).toList();
    }
  }

  /** The id of the job in state RUNNING, or null. */
  private static String runningJob() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\{\"jid\":\"([0-9a-f]+)\"[^}]*\"state\":\"RUNNING\"")
            .matcher(get("/jobs/overview"));
    return m.find() ? m.group(1) : null;
  }

  private static String jobState(String job) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"state\":\"([A-Z]+)\"").matcher(get("/jobs/" + job));
    return m.find() ? m.group(1) : "unknown";
  }

  private static String get(String path) {
    return RestGet.body(cluster.restUrl(), path);
  }

  @Test
  @Order(3)
  void jobManagerLossIsOneLineNamingTheAddressWithinTheBound() throws Exception {
    ChildProgram child =
        largeMatmulOnTheCluster("--observe=false", "--workDir=" + dir.resolve("work"));
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!jobRunning()) {
      assertThat("the job did not start within 180 s", System.nanoTime() < deadline, is(true));
      assertThat("the program ended early: " + child.stderr(), child.process().isAlive(), is(true));
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    long jobManager = cluster.runningPids().get("jobmanager");
    long killed = System.nanoTime();
    ProcessHandle.of(jobManager).orElseThrow().destroyForcibly();
    assertThat(child.waitFor(Duration.ofSeconds(60)), is(1));
    double seconds = (System.nanoTime() - killed) / 1e9;
    System.out.printf("JobManager killed -> one-line error in %.2f s%n", seconds);
    assertThat(
        child.lastLine(),
        startsWith(
            "matmul: error: the pipeline failed: lost the Flink JobManager at "
                + cluster.restAddress()
                + " while the job ran ("));
    assertThat(
        child.lastLine(), containsString("check that the cluster runs (flink/bin/cluster status)"));
    // an unsupervised cluster: no wait, and the way on is named
    assertThat(child.lastLine(), endsWith("; resume with --resume=last"));
    assertThat(child.stderr(), not(containsString("waiting up to")));
    assertThat(seconds, lessThan((double) JOB_MANAGER_LOSS_BOUND.toSeconds()));
    assertThat(child.stderr(), not(containsString("RestClient")));
  }

  private static boolean jobRunning() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs/overview"))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.body().contains("\"state\":\"RUNNING\"");
    } catch (Exception e) {
      return false;
    }
  }

  /** A matmul on the cluster, long enough (n=4096, 512 blocks) to be hit while it runs. */
  private static ChildProgram largeMatmulOnTheCluster(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--profile=flink-cluster",
                "--flinkMaster=" + cluster.restAddress(),
                "--n=4096",
                "--blockSize=512",
                "--verify=false"));
    args.addAll(List.of(more));
    return ChildProgram.start(
        dir,
        "2g",
        List.of(System.getProperty("java.class.path")),
        "matmul",
        args.toArray(String[]::new));
  }
}
