package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a crashed cluster leaves behind, on a real one (1 JobManager + 2 TaskManagers, free loopback
 * ports), step by step: a SIGKILLed TaskManager's temp directory is removed by the next {@code
 * status}; with the JobManager SIGKILLed, {@code status} names the orphaned TaskManager (exit 3)
 * and {@code stop} stops it and empties {@code tmp/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLeftoversIT {
  private static final Path RUN_DIR = Path.of("target", "it-leftovers-cluster");
  private LocalFlinkCluster cluster;
  private Map<String, Long> pids;

  @BeforeAll
  void start() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(2)
            .freePorts()
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
    pids = cluster.runningPids();
  }

  @AfterAll
  void stop() {
    cluster.close();
    pids.values()
        .forEach(pid -> assertThat("pid " + pid, ProcessControl.isRunning(pid), is(false)));
  }

  @Test
  @Order(1)
  void killedTaskManagersTempDirectoryIsRemoved() throws Exception {
    Path tmp2 = RUN_DIR.toAbsolutePath().resolve("tmp").resolve("taskmanager-2");
    assertThat("each TaskManager has its own io.tmp.dirs", nonEmpty(tmp2), is(true));
    kill(pids.get("taskmanager-2"));
    cluster.status();
    assertThat(Files.exists(tmp2), is(false));
    assertThat(
        nonEmpty(RUN_DIR.toAbsolutePath().resolve("tmp").resolve("taskmanager-1")), is(true));
  }

  @Test
  @Order(2)
  void orphanedTaskManagerIsNamedByStatusAndStoppedByStop() throws Exception {
    kill(pids.get("jobmanager"));
    long taskManager = pids.get("taskmanager-1");
    assertThat(ProcessControl.isRunning(taskManager), is(true));
    assertThat(cluster.orphans(), equalTo(Map.of("taskmanager-1", taskManager)));

    String[] status = cli("status");
    assertThat(status[0], containsString("exit 3"));
    assertThat(
        status[1],
        containsString(
            "its JobManager is gone and 1 process(es) of it still run: {taskmanager-1="
                + taskManager
                + "}; stop them with: flink/bin/cluster stop"));

    String[] stop = cli("stop");
    assertThat(stop[1], containsString("stopped taskmanager-1 (pid " + taskManager + ")"));
    assertThat(ProcessControl.isRunning(taskManager), is(false));
    try (Stream<Path> left = Files.list(RUN_DIR.resolve("tmp"))) {
      assertThat(left.toList(), is(empty()));
    }
    assertThat(cluster.orphans(), equalTo(Map.of()));
  }

  /** Runs a CLI command on the run directory; returns {"exit N", stdout}. */
  private static String[] cli(String command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new FlinkClusterCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {command, "--run-dir", RUN_DIR.toString()});
    return new String[] {
      "exit " + code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
    };
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertThat(ProcessControl.waitForExit(List.of(pid), Duration.ofSeconds(20)), is(empty()));
    ProcessControl.awaitReaped(List.of(pid), Duration.ofSeconds(5));
  }

  private static boolean nonEmpty(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }
}
