package io.taskbeam.pipelines.conformance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.LongTests;
import io.taskbeam.pipelines.ProgramRuns;
import io.taskbeam.pipelines.SharedFlinkCluster;
import io.taskbeam.pipelines.matmul.MatMulMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite on a real Flink session cluster: one JobManager and two TaskManagers with
 * one slot each, separate JVMs on free loopback ports (the {@link SharedFlinkCluster} of the
 * cluster ITs, stopped by pid at the end). Beyond the suite: proof that work is spread over both
 * TaskManagers, and the one-line errors for an unreachable cluster, a port that is not Flink's, and
 * missing slots.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(3)
class ClusterConformanceIT extends ConformanceSuite {
  private static LocalFlinkCluster cluster;
  private static FlinkRestClient rest;

  @BeforeAll
  static void useTheSharedCluster(SharedFlinkCluster shared) {
    cluster = shared.cluster();
    rest = new FlinkRestClient(cluster.restUrl());
  }

  /**
   * Only with {@code -Plong}: a minute of jobs here, on paths embedded Flink (the same runner and
   * bodies) and the bodies above already take on this cluster.
   */
  @Override
  protected boolean runsApplications() {
    return LongTests.enabled();
  }

  /**
   * Three: the many more run in memory and on the DirectRunner; here each wait is a Flink job per
   * sync point.
   */
  @Override
  protected int randomPrograms() {
    return 3;
  }

  @Override
  protected List<String> runnerArgs() {
    return List.of(
        "--profile=flink-cluster", "--flinkMaster=" + cluster.restAddress(), "--parallelism=2");
  }

  /** Each stage's two chunks run on different TaskManagers, and the job is FINISHED. */
  @Test
  void chunksRunOnBothTaskManagers() throws Exception {
    String out = runMatmul("--n=256", "--blockSize=64");
    assertThat(out, containsString(": OK"));
    assertThat(out, containsString("staging "));
    String job = rest.latestJob();
    assertThat(rest.jobState(job), equalTo("FINISHED"));
    List<String> stageVertices = rest.vertexIds(job, "multiplyAccumulate");
    assertThat(stageVertices.size(), is(not(0)));
    for (String vertex : stageVertices) {
      Set<String> busy = rest.taskManagersWithInput(job, vertex);
      assertThat("vertex " + vertex + " of job " + job, busy.size(), is(2));
    }
  }

  /** The job ships the application, not Beam: the cluster already runs Beam and the SDK. */
  @Test
  void shipsOnlyWhatTheClusterLacks() {
    try (TaskBeam tb = session()) {
      assertThat(tb.target(), containsString("are on the cluster"));
      assertThat(tb.target(), not(containsString("SDK differs")));
      int staged = Integer.parseInt(tb.target().replaceAll(".*staging (\\d+) classpath.*", "$1"));
      assertThat(tb.target(), staged, lessThan(30));
    }
  }

  @Test
  void unreachableClusterIsOneLineWithin15Seconds() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String err = failFast("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + port);
    assertThat(
        err,
        containsString(
            "cannot use the Flink cluster at 127.0.0.1:"
                + port
                + ": connection refused; check --flinkMaster and that the cluster runs"));
  }

  @Test
  void portThatIsNotFlinksRestPortIsOneLineWithin15Seconds() {
    int rpc = cluster.ports().jobManagerRpc();
    String err = failFast("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:" + rpc);
    assertThat(err, containsString("cannot use the Flink cluster at 127.0.0.1:" + rpc));
    assertThat(err, containsString("REST port"));
  }

  @Test
  void moreWorkersThanSlotsIsOneLine() {
    String err =
        failFast(
            "--runner=FlinkRunner", "--flinkMaster=" + cluster.restAddress(), "--parallelism=3");
    assertThat(
        err,
        containsString(
            "--parallelism=3 needs 3 free task slots but the Flink "
                + "cluster at "
                + cluster.restAddress()
                + " has 2 of 2 free"));
  }

  /** A job holds both slots; a second program is told so at once instead of waiting. */
  @Test
  void busyClusterIsOneLine() throws Exception {
    Path release = workDir.resolve("release");
    CompletableFuture<Integer> holder =
        CompletableFuture.supplyAsync(
            () -> {
              try (TaskBeam tb = session()) {
                List<TaskFuture<Integer>> holds = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                  holds.add(tb.submit(GraphTasks::holdUntil, release.toString()));
                }
                return tb.waitOn(holds).stream().mapToInt(Integer::intValue).sum();
              }
            });
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rest.freeSlots() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat("slots free while the holding job runs", rest.freeSlots(), is(0));
      String err = failFast("--runner=FlinkRunner", "--flinkMaster=" + cluster.restAddress());
      assertThat(
          err,
          containsString(
              "all 2 task slots of the Flink cluster at "
                  + cluster.restAddress()
                  + " are busy with other jobs"));
    } finally {
      Files.createFile(release);
    }
    assertThat(holder.get(120, TimeUnit.SECONDS), is(2));
  }

  private String runMatmul(String... extra) throws Exception {
    return ProgramRuns.run(MatMulMain::run, ProgramRuns.with(args(), extra));
  }

  /** Runs matmul as its main does; checks exit code 1, one line, within 15 s; returns it. */
  private String failFast(String... runnerArgs) {
    long start = System.nanoTime();
    String line =
        ProgramRuns.fail(
            "matmul",
            MatMulMain::run,
            ProgramRuns.with(runnerArgs, "--n=64", "--blockSize=32", "--workDir=" + workDir));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(line, seconds, lessThan(15.0));
    assertThat(line, containsString("matmul: error: "));
    return line;
  }
}
