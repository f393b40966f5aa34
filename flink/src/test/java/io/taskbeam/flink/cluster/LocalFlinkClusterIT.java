package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real cluster: 1 JobManager + 2 TaskManagers (1 slot each) on free loopback ports, one more
 * TaskManager added live, then stopped. The steps depend on each other, so they run in order on one
 * cluster; {@link #stopEverything()} stops whatever was started even if a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalFlinkClusterIT {
  private static final Path RUN_DIR = Path.of("target", "it-cluster");

  private LocalFlinkCluster cluster;

  /** Every pid this test saw started, to check after stop that none survives. */
  private final Set<Long> startedPids = new LinkedHashSet<>();

  @BeforeAll
  void startCluster() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(2)
            .slotsPerTaskManager(1)
            .freePorts()
            .readyTimeout(Duration.ofSeconds(90))
            .stopTimeout(Duration.ofSeconds(15))
            .stopOnJvmExit(true)
            .build();
    try {
      cluster.start();
    } finally {
      startedPids.addAll(cluster.runningPids().values());
    }
    System.out.printf(
        "cluster ready in %d ms at %s%n", cluster.startupTime().toMillis(), cluster.restUrl());
  }

  @AfterAll
  void stopEverything() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  @Order(1)
  void restShowsTwoTaskManagersAndTwoSlots() throws Exception {
    String overview = get("/overview");

    assertThat(overview, FlinkRest.number(overview, "taskmanagers").getAsLong(), equalTo(2L));
    assertThat(overview, FlinkRest.number(overview, "slots-total").getAsLong(), equalTo(2L));
    assertThat(
        FlinkRest.taskManagerIds(get("/taskmanagers")),
        containsInAnyOrder("taskmanager-1", "taskmanager-2"));
    assertThat(
        cluster.runningPids().keySet(), contains("jobmanager", "taskmanager-1", "taskmanager-2"));
  }

  @Test
  @Order(2)
  void addedTaskManagerRegisters() throws Exception {
    long begin = System.nanoTime();
    String name;
    try {
      name = cluster.addTaskManager();
    } finally {
      startedPids.addAll(cluster.runningPids().values());
    }
    System.out.printf("%s registered in %d ms%n", name, (System.nanoTime() - begin) / 1_000_000);

    assertThat(name, equalTo("taskmanager-3"));
    String overview = get("/overview");
    assertThat(overview, FlinkRest.number(overview, "taskmanagers").getAsLong(), equalTo(3L));
    assertThat(overview, FlinkRest.number(overview, "slots-total").getAsLong(), equalTo(3L));
  }

  @Test
  @Order(3)
  void statusReportsCountsAndProcesses() {
    ClusterStatus status = cluster.status();
    System.out.print(status.format());

    assertThat(status.restReachable(), is(true));
    assertThat(status.taskManagers(), equalTo(3));
    assertThat(status.slotsTotal(), equalTo(3));
    assertThat(status.slotsFree(), equalTo(3));
    assertThat(status.runningJobs(), equalTo(0));
    assertThat(
        status.processes().stream().map(ClusterStatus.ProcessInfo::name).toList(),
        equalTo(List.of("jobmanager", "taskmanager-1", "taskmanager-2", "taskmanager-3")));
    assertThat(
        status.processes().stream().map(ClusterStatus.ProcessInfo::running).toList(),
        everyItem(is(true)));
    assertThat(
        status.processes().stream().map(ClusterStatus.ProcessInfo::rssBytes).toList(),
        everyItem(greaterThan(0L)));
    assertThat(
        status.format(),
        containsString(
            cluster.restUrl() + ": 3 taskmanagers, slots 3 total / 3 free, 0 running jobs"));
  }

  @Test
  @Order(4)
  void attachedInstanceSeesTheSameCluster() {
    LocalFlinkCluster attached = LocalFlinkCluster.attach(RUN_DIR);

    assertThat(attached.isRunning(), is(true));
    assertThat(attached.restUrl(), equalTo(cluster.restUrl()));
    assertThat(attached.status().taskManagers(), equalTo(3));
  }

  @Test
  @Order(5)
  void stopEndsEveryStartedProcess() {
    Map<String, Long> stopped = cluster.stop();

    assertThat(stopped, hasKey("jobmanager"));
    assertThat(new LinkedHashSet<>(stopped.values()), equalTo(startedPids));
    List<Long> alive =
        startedPids.stream()
            .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .toList();
    assertThat(alive, is(empty()));
    assertThat(cluster.isRunning(), is(false));
    assertThat(cluster.status().restReachable(), is(false));
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cluster.restUrl() + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode(), equalTo(200));
    return response.body();
  }
}
