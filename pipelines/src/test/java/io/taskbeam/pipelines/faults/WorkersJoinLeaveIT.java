package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.flink.cluster.LocalFlinkCluster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * TaskManagers that join and leave a running program, on a real cluster (1 JobManager + 2
 * TaskManagers of 1 slot, free loopback ports), the program at {@code --parallelism=-1}:
 *
 * <ul>
 *   <li>a TaskManager added between two sync points runs tasks of the next one: the tasks' pids
 *       name its JVM, the later job ran at parallelism 3 (Flink's REST API), one line said so, and
 *       every result is right;
 *   <li>{@code remove-taskmanager} while a job runs: the drain holds the next job, the TaskManager
 *       stops once idle, later jobs run on the 2 slots left; every result is right, and no job of
 *       the program failed a task or restarted (Flink's job exceptions are empty).
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkersJoinLeaveIT {
  private static final int TASKS = 6;
  private static final Pattern JOB = Pattern.compile("\"jid\"\\s*:\\s*\"([0-9a-f]{32})\"");
  private static final Pattern PARALLELISM = Pattern.compile("\"parallelism\"\\s*:\\s*(\\d+)");
  private static final Pattern START = Pattern.compile("\"start-time\"\\s*:\\s*(\\d+)");

  private static LocalFlinkCluster cluster;
  @TempDir static Path dir;

  @BeforeAll
  static void startCluster() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(Path.of("target", "it-workers-cluster"))
            .taskManagers(2)
            .slotsPerTaskManager(1)
            .freePorts()
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aTaskManagerThatJoinsRunsTheNextJobs() throws Exception {
    Set<String> before = jobIds();
    List<String> first;
    List<String> second;
    String joined;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(new Tee(stderr, err), true, StandardCharsets.UTF_8));
    try (TaskBeam tb = TaskBeam.start(args())) {
      assertThat(tb.parallelism(), is(2));
      first = sync(tb, 0, 100);
      joined = cluster.addTaskManager();
      second = sync(tb, TASKS, 100);
      assertThat(tb.parallelism(), is(3));
    } finally {
      System.setErr(stderr);
    }
    verify(first, 0);
    verify(second, TASKS);
    long pid = cluster.runningPids().get(joined);
    assertThat(pids(first), not(hasItem(pid)));
    assertThat("a task of the next sync point ran on " + joined, pids(second), hasItem(pid));
    assertThat(
        err.toString(StandardCharsets.UTF_8),
        containsString(
            "taskbeam: the cluster now has 3 usable task slots (was 2); next jobs run on 3"));
    List<String> jobs = newJobs(before);
    assertThat(jobs.size(), is(2));
    assertThat(maxParallelism(jobs.get(0)), is(2));
    assertThat(maxParallelism(jobs.get(1)), is(3));
  }

  @Test
  @Order(2)
  void aTaskManagerRemovedMidRunIsDrainedWithoutAFailedTask() throws Exception {
    while (taskManagers().size() < 3) {
      cluster.addTaskManager();
    }
    String leaving = taskManagers().get(taskManagers().size() - 1);
    long leavingPid = cluster.runningPids().get(leaving);
    Set<String> before = jobIds();
    List<List<String>> results = new ArrayList<>();
    CompletableFuture<String> removal;
    try (TaskBeam tb = TaskBeam.start(args())) {
      assertThat(tb.parallelism(), is(3));
      results.add(sync(tb, 0, 100));
      awaitSlots(leaving, 1); // the first job's slot given back: busy now means the next job
      // once the next sync point's job runs a task on it (6 tasks of 300 ms on 3 slots)
      removal =
          CompletableFuture.supplyAsync(
              () -> {
                awaitSlots(leaving, 0);
                return cluster.removeTaskManager(null, null, "TERM", Duration.ofSeconds(60));
              });
      for (int s = 1; s < 5; s++) {
        results.add(sync(tb, s * TASKS, 300));
      }
      assertThat(tb.parallelism(), is(2));
    }
    String line = removal.get();
    System.out.println("remove-taskmanager: " + line);
    assertThat(line, containsString(leaving + " drained in"));
    assertThat(
        "the leaving TaskManager finished the tasks it ran when it was removed",
        pids(results.get(1)),
        hasItem(leavingPid));
    for (int s = 0; s < results.size(); s++) {
      verify(results.get(s), s * TASKS);
    }
    assertThat(pids(results.get(results.size() - 1)), not(hasItem(leavingPid)));
    assertThat(cluster.runningPids().keySet(), not(hasItem(leaving)));
    List<String> jobs = newJobs(before);
    assertThat(jobs.size(), greaterThanOrEqualTo(5));
    for (String job : jobs) {
      String detail = RestGet.body(cluster.restUrl(), "/jobs/" + job);
      assertThat(detail, containsString("\"state\":\"FINISHED\""));
      String exceptions = RestGet.body(cluster.restUrl(), "/jobs/" + job + "/exceptions");
      assertThat(
          "job " + job + " had no failed task and no restart: " + exceptions,
          exceptions.contains("\"exceptionHistory\":{\"entries\":[]")
              && !exceptions.contains("\"root-exception\":\""),
          is(true));
    }
    assertThat(maxParallelism(jobs.get(jobs.size() - 1)), is(2));
  }

  /** Submits {@code TASKS} squares from {@code from} and waits for them: one sync point. */
  private static List<String> sync(TaskBeam tb, int from, long millis) {
    List<TaskFuture<String>> futures = new ArrayList<>();
    for (int i = from; i < from + TASKS; i++) {
      futures.add(tb.submit(WorkerTasks::square, i, millis));
    }
    return tb.waitOn(futures);
  }

  private static void verify(List<String> results, int from) {
    List<Long> squares = new ArrayList<>();
    List<Long> want = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      squares.add(Long.parseLong(results.get(i).substring(0, results.get(i).indexOf('@'))));
      want.add((long) (from + i) * (from + i));
    }
    assertThat(squares, equalTo(want));
  }

  private static Set<Long> pids(List<String> results) {
    Set<Long> pids = new LinkedHashSet<>();
    for (String r : results) {
      pids.add(Long.parseLong(r.substring(r.indexOf('@') + 1)));
    }
    return pids;
  }

  private static List<String> taskManagers() {
    return cluster.runningPids().keySet().stream().filter(n -> n.startsWith("task")).toList();
  }

  private static Set<String> jobIds() {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = JOB.matcher(RestGet.body(cluster.restUrl(), "/jobs/overview"));
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** The jobs submitted since {@code before}, oldest first. */
  private static List<String> newJobs(Set<String> before) {
    TreeMap<Long, String> byStart = new TreeMap<>();
    for (String id : jobIds()) {
      if (!before.contains(id)) {
        Matcher m = START.matcher(RestGet.body(cluster.restUrl(), "/jobs/" + id));
        byStart.put(m.find() ? Long.parseLong(m.group(1)) : 0L, id);
      }
    }
    return new ArrayList<>(byStart.values());
  }

  private static int maxParallelism(String job) {
    Matcher m = PARALLELISM.matcher(RestGet.body(cluster.restUrl(), "/jobs/" + job));
    int max = 0;
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  private static String[] args() {
    return new String[] {
      "--profile=flink-cluster",
      "--flinkMaster=" + cluster.restAddress(),
      "--observe=false",
      "--workDir=" + dir.resolve("work")
    };
  }

  /** Waits until the TaskManager {@code name} has {@code free} free slots (0: it runs a task). */
  private static void awaitSlots(String name, int free) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Pattern slots = Pattern.compile("(?s).*\"freeSlots\"\\s*:\\s*" + free + "[,}].*");
    while (!slots.matcher(RestGet.body(cluster.restUrl(), "/taskmanagers/" + name)).matches()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not have " + free + " free slots within 30 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Writes to two streams: the test's stderr stays visible while it is read. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
