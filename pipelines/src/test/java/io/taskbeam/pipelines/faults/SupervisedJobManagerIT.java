package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JobManager SIGKILLed mid-run on a cluster started with {@code supervise} (as {@code
 * flink/bin/cluster start --supervise}; 1 JobManager + 2 TaskManagers, free loopback ports): the
 * supervisor restarts it at the same address, the TaskManagers register with it again, and the
 * driver, which waited for it in one line, runs the job in flight again. k-means (in a child JVM as
 * {@code mvn exec:java} starts it) must print its verified centroids with no user action. Then
 * {@code stop} leaves no process of the cluster running, the supervisor and the restarted
 * JobManager included. The 10-kill version: {@code pipelines/bin/chaos-resume --kill jobmanager}.
 */
class SupervisedJobManagerIT {
  private static final Pattern WAIT_LINE =
      Pattern.compile(
          "taskbeam: the Flink JobManager at \\S+ stopped answering; waiting up to 60 s for it to"
              + " return \\(cluster started with --supervise\\)");

  private static LocalFlinkCluster cluster;
  private static final List<Long> PIDS = new ArrayList<>();
  @TempDir static Path dir;

  @BeforeAll
  static void startSupervisedCluster() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(Path.of("target", "it-supervised-cluster"))
            .taskManagers(2)
            .freePorts()
            .supervise(3)
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
    PIDS.addAll(cluster.runningPids().values());
  }

  @AfterAll
  static void stopLeavesNothingRunning() {
    if (cluster == null) {
      return;
    }
    PIDS.addAll(cluster.runningPids().values()); // the restarted JobManager too
    Map<String, Long> stopped = cluster.stop();
    assertThat(stopped.keySet().iterator().next(), is("supervisor")); // stopped first
    List<Long> left =
        PIDS.stream()
            .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .toList();
    assertThat("pids still running after stop: " + left, left, is(empty()));
  }

  @Test
  void kmeansOutlivesAJobManagerKilledMidRun() throws Exception {
    assertThat(cluster.runningPids().containsKey("supervisor"), is(true));
    ChildProgram child =
        ChildProgram.start(
            dir,
            "1g",
            List.of(System.getProperty("java.class.path")),
            "kmeans",
            "--profile=flink-cluster",
            "--flinkMaster=" + cluster.restAddress(),
            "--points=80000",
            "--dims=4",
            "--k=6",
            "--fragments=4",
            "--epsilon=0",
            "--maxIterations=8",
            "--verify=true",
            "--observe=false",
            "--workDir=" + dir.resolve("work"));
    long jobManager = cluster.runningPids().get("jobmanager");
    awaitRunningJobAfterFinished(child, 1);
    ProcessHandle.of(jobManager).orElseThrow().destroyForcibly();
    long killed = System.nanoTime();

    int exit = child.waitFor(Duration.ofMinutes(4));
    System.out.printf(
        "JobManager killed -> program ended %.1f s later%n", (System.nanoTime() - killed) / 1e9);
    String err = child.stderr();
    assertThat(err, exit, is(0));
    assertThat(child.stdout(), matchesPattern("(?s).*verify: max \\|c - c_ref\\| = .*: OK\n.*"));
    assertThat(err, WAIT_LINE.matcher(err).results().count(), is(1L));
    assertThat(err, containsString("answers again after "));
    String supervisorLog =
        Files.readString(cluster.logFile("supervisor"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
        supervisorLog,
        containsString("restarted jobmanager: pid " + jobManager + " had exited; new pid "));
    assertThat(cluster.status().format(), containsString("supervisor restarts: 1"));
  }

  /** Waits until {@code finished} jobs have finished and another one runs. */
  private static void awaitRunningJobAfterFinished(ChildProgram child, int finished)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (true) {
      String jobs = get("/jobs/overview");
      long done = Pattern.compile("\"state\":\"FINISHED\"").matcher(jobs).results().count();
      if (done >= finished && jobs.contains("\"state\":\"RUNNING\"")) {
        return;
      }
      assertThat("no job ran within 180 s", System.nanoTime() < deadline, is(true));
      assertThat("the program ended early: " + child.stderr(), child.process().isAlive(), is(true));
      Thread.sleep(20);
    }
  }

  private static String get(String path) {
    return RestGet.body(cluster.restUrl(), path);
  }
}
