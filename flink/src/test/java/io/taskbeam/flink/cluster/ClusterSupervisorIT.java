package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A supervised cluster (1 JobManager + 1 TaskManager, free loopback ports, at most 2 restarts),
 * step by step: a SIGKILLed JobManager is restarted at the same REST address and the TaskManager
 * registers with it again; a SIGKILLed TaskManager is restarted; a third death is past the bound,
 * so the supervisor writes why and exits; {@code stop} leaves no process running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSupervisorIT {
  private static final Path RUN_DIR = Path.of("target", "it-supervisor-cluster");
  private static final Duration BOUND = Duration.ofSeconds(90);

  private LocalFlinkCluster cluster;
  private final Set<Long> seen = new LinkedHashSet<>();

  @BeforeAll
  void start() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(1)
            .freePorts()
            .supervise(2)
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
    seen.addAll(cluster.runningPids().values());
  }

  @AfterAll
  void stop() {
    seen.addAll(cluster.runningPids().values());
    cluster.close();
    List<Long> left = seen.stream().filter(ProcessControl::isRunning).toList();
    assertThat("still running after stop: " + left, left, is(empty()));
  }

  @Test
  @Order(1)
  void aKilledJobManagerIsRestartedAndTheTaskManagerRegistersAgain() throws Exception {
    assertThat(cluster.runningPids().containsKey("supervisor"), is(true));
    long jobManager = cluster.runningPids().get("jobmanager");
    kill(jobManager);
    String line = awaitLogLine("restarted jobmanager: pid " + jobManager + " had exited");
    long restarted = cluster.runningPids().get("jobmanager");
    assertThat(line, containsString("new pid " + restarted + " (restart 1 of at most 2"));
    seen.add(restarted);
    // same REST address, and the TaskManager found it without being restarted
    List<String> registered = cluster.awaitTaskManagers(1, BOUND);
    assertThat(registered, is(List.of("taskmanager-1")));
    assertThat(cluster.status().format(), containsString("supervisor restarts: 1"));
  }

  @Test
  @Order(2)
  void aKilledTaskManagerIsRestarted() throws Exception {
    long taskManager = cluster.runningPids().get("taskmanager-1");
    long registrations = registrations();
    kill(taskManager);
    awaitLogLine("restarted taskmanager-1: pid " + taskManager + " had exited");
    seen.add(cluster.runningPids().get("taskmanager-1"));
    assertThat(cluster.runningPids().get("taskmanager-1"), not(is(taskManager)));
    // the JobManager still lists the dead one under the same id for a while: the new one's log
    // (appended to the dead one's) must show its own registration
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (registrations() <= registrations) {
      assertThat(
          "the restarted TaskManager did not register", System.nanoTime() < deadline, is(true));
      Thread.sleep(100);
    }
  }

  /** How often the TaskManager's log says it registered with a ResourceManager. */
  private long registrations() throws Exception {
    return Files.readAllLines(cluster.logFile("taskmanager-1"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("Successful registration at resource manager"))
        .count();
  }

  @Test
  @Order(3)
  void pastTheBoundTheSupervisorGivesUpInOneLineAndExits() throws Exception {
    long supervisor = cluster.runningPids().get("supervisor");
    kill(cluster.runningPids().get("taskmanager-1"));
    String line = awaitLogLine(" gave up: taskmanager-1 ");
    assertThat(line, containsString("2 restarts within 10 min (--max-restarts)"));
    assertThat(
        ProcessControl.waitForExit(List.of(supervisor), Duration.ofSeconds(10)), is(empty()));
    assertThat(cluster.runningPids().containsKey("taskmanager-1"), is(false));
    assertThat(cluster.status().format(), containsString("gave up: taskmanager-1"));
  }

  private String awaitLogLine(String text) throws Exception {
    Path log = cluster.logFile(ClusterDirectory.SUPERVISOR);
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no line with '" + text + "' in " + log + ": " + Files.readString(log));
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertThat(ProcessControl.waitForExit(List.of(pid), Duration.ofSeconds(20)), is(empty()));
  }
}
