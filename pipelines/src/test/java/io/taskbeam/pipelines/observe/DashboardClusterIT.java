package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Cli;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.SharedFlinkCluster;
import io.taskbeam.pipelines.kmeans.KMeans;
import io.taskbeam.testlab.TeeOutputStream;
import io.taskbeam.testlab.browser.DevToolsPage;
import io.taskbeam.testlab.browser.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard of a run on a real local Flink cluster (1 JobManager, 2 TaskManagers with one
 * slot each, the {@link SharedFlinkCluster}): while the session is open, its {@code /state} (what
 * the page draws) counts every task done, names both TaskManagers among the workers and the task
 * stream's lanes, shows each TaskManager's heap as sampled from Flink's REST, and counts the
 * TaskManagers' shared-cache lookups of a value every task reads; a request without the token gets
 * 403. Headless Chromium has the live page open meanwhile ({@link DevToolsPage}): its done count
 * moves while the naps run and reaches their total; after a k-means iteration in the same session,
 * its DOM shows the counts at their totals, the task stream's lanes and the workers panel naming
 * both TaskManagers; a second session, whose task throws, shows the failure's message in full.
 * After the session, Chromium opens the run's report (the same page, frozen) and the test reads
 * from its DOM that the workers panel lists both TaskManagers with a heap figure and the data store
 * panel shows a hit rate. Screenshots of the live page are left in {@code
 * target/dashboard-cluster-*.png}.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(2)
class DashboardClusterIT {
  private static final Pattern URL = Pattern.compile("taskbeam: dashboard (http://\\S+)");
  private static final Pattern PROCESS = Pattern.compile("\"process\":\"(taskmanager-\\d+)\"");
  private static final int TASKS = 12;
  private static final int LIVE_SECONDS = 30;
  private static final Path TARGET = Path.of("target");

  /** A heap figure as the page prints it. */
  private static final Pattern HEAP = Pattern.compile("[0-9.]+ (B|KiB|MiB|GiB)");

  /** A sampled TaskManager in the state: its name, then (further on) its heap in use. */
  private static final Pattern GAUGE =
      Pattern.compile("\\{\"process\":\"(taskmanager-\\d+)\",[^}]*\"heapUsed\":([0-9]+),");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void theDashboardCountsEveryTaskAndNamesBothTaskManagers(SharedFlinkCluster shared)
      throws Exception {
    LocalFlinkCluster cluster = shared.cluster();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TaskBeam tb = start(cluster, "watched", printed);
    try (tb;
        DevToolsPage page = DevToolsPage.open(chromium(), url(printed), tmp.resolve("live"))) {
      String url = url(printed);
      String state = url.replace("/?token=", "/state?token=");
      assertThat(get(url.replaceFirst("token=.*", "token=")).statusCode(), is(403));
      assertThat("no token at all", get(url.replaceFirst("\\?token=.*", "")).statusCode(), is(403));
      assertThat(get(state.replaceFirst("token=.*", "token=wrong")).statusCode(), is(403));
      // 32 KiB, above the 16 KiB that travel inside the job: stored once, read through the cache
      int[] everyTaskReads = new int[8192];
      List<TaskFuture<Integer>> naps = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        naps.add(tb.submit(DashboardTasks::napReading, i, everyTaskReads));
      }
      assertThat(
          get(state).body(), containsString("\"submitted\":" + TASKS + ",\"waiting\":" + TASKS));
      assertThat(
          "the submitted naps on the live page before the sync point",
          page.await(text("total-submitted"), ("" + TASKS)::equals, LIVE_SECONDS),
          equalTo("" + TASKS));
      assertThat(page.evaluate(text("total-waiting")), equalTo("" + TASKS));
      Set<String> seen = ConcurrentHashMap.newKeySet();
      Thread watcher = watch(page, text("total-done"), seen, "" + TASKS);
      assertThat(tb.waitOn(naps).size(), is(TASKS));
      assertThat(
          "the live page's done count at the naps' total",
          page.await(text("total-done"), ("" + TASKS)::equals, LIVE_SECONDS),
          equalTo("" + TASKS));
      watcher.join(5_000);
      assertThat(
          "a done count between 0 and the total, seen while the naps ran: " + seen,
          seen.stream().anyMatch(v -> v.matches("\\d+") && !v.equals("0") && !v.equals("" + TASKS)),
          is(true));
      String json = get(state).body();
      assertThat(
          json,
          containsString(
              "\"totals\":{\"submitted\":"
                  + TASKS
                  + ",\"waiting\":0,\"running\":0,\"done\":"
                  + TASKS
                  + ",\"failed\":0,\"cancelled\":0}"));
      int workers = json.indexOf("\"workers\":");
      assertThat(
          "lanes of the task stream",
          processes(json.substring(0, workers)),
          equalTo(Set.of("taskmanager-1", "taskmanager-2")));
      assertThat(
          "workers",
          processes(json.substring(workers, json.indexOf("\"bars\":"))),
          equalTo(Set.of("taskmanager-1", "taskmanager-2")));
      Matcher lookups =
          Pattern.compile("\"store\":\\{\"cacheHits\":(\\d+),\"cacheMisses\":(\\d+),")
              .matcher(json);
      assertThat(json, lookups.find(), is(true));
      assertThat(
          "each TaskManager read the shared value from the store once at least",
          Integer.parseInt(lookups.group(2)),
          greaterThanOrEqualTo(2));
      assertThat(
          "one lookup per task",
          Integer.parseInt(lookups.group(1)) + Integer.parseInt(lookups.group(2)),
          is(TASKS));
      watchKMeans(tb, page, state);
      // Flink's REST serves the metrics its JobManager fetched last (every 10 s by default)
      assertThat(
          "both TaskManagers sampled with their heap in use",
          sampledHeaps(state, Duration.ofSeconds(40)),
          equalTo(Set.of("taskmanager-1", "taskmanager-2")));
      assertThat(
          "the live workers panel with both TaskManagers' heap",
          page.await(
              "[...document.querySelectorAll('#workers tbody tr[data-process]')]"
                  + ".filter(r => /^[0-9.]+ (B|KiB|MiB|GiB)$/"
                  + ".test(r.querySelector('[data-gauge=heap]').textContent)).length + ''",
              "2"::equals,
              LIVE_SECONDS),
          equalTo("2"));
      page.screenshot(Files.createDirectories(TARGET).resolve("dashboard-cluster-live.png"));
    }
    Path report = tmp.resolve("runs").resolve("watched_01").resolve("report.html");
    String dom = dumpDom(report);
    assertThat("the report holds the k-means tasks too", dom, containsString("partialSum"));
    for (String tm : List.of("taskmanager-1", "taskmanager-2")) {
      Matcher heap =
          Pattern.compile(
                  "<tr data-process=\"" + tm + "\">(?:(?!</tr>).)*?data-gauge=\"heap\">([^<]*)<")
              .matcher(dom);
      assertThat("the report's workers panel lists " + tm, heap.find(), is(true));
      assertThat(heap.group(1), matchesPattern(HEAP));
    }
    Matcher rate = Pattern.compile("id=\"cache-hit-rate\">([^<]*)<").matcher(dom);
    assertThat("the report's data store panel", rate.find(), is(true));
    assertThat(rate.group(1), matchesPattern("\\d+\\.\\d %"));
  }

  @Test
  void aFailingTasksMessageAppearsInFullOnTheLivePage(SharedFlinkCluster shared) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TaskBeam tb = start(shared.cluster(), "failing", printed);
    try (tb;
        DevToolsPage page = DevToolsPage.open(chromium(), url(printed), tmp.resolve("failing"))) {
      List<TaskFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(tb.submit(DashboardTasks::failOnThree, i));
      }
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(results));
      assertThat(e.getMessage(), containsString(DashboardTasks.MESSAGE));
      String failure =
          page.await(text("failure"), v -> v.contains(DashboardTasks.MESSAGE), LIVE_SECONDS);
      assertThat("the live page's first failure", failure, containsString(DashboardTasks.MESSAGE));
      assertThat(failure, containsString("failOnThree#"));
      assertThat(
          page.evaluate("document.querySelector('#failure-box').hidden + ''"), equalTo("false"));
      assertThat(page.evaluate(text("total-failed")), equalTo("1"));
      page.screenshot(Files.createDirectories(TARGET).resolve("dashboard-cluster-failed.png"));
    }
  }

  /**
   * A k-means iteration on generated points (one sync point, one Flink job: a few seconds of CI
   * time) after the naps, with the live page open: once it ends, its DOM shows every count at the
   * state's totals, both TaskManagers in the task stream's lanes and in the workers panel.
   */
  private void watchKMeans(TaskBeam tb, DevToolsPage page, String state) throws Exception {
    DMatrixRMaj blobs = new DMatrixRMaj(new double[][] {{0, 0}, {4, 4}, {0, 4}});
    DMatrixRMaj initial = new DMatrixRMaj(new double[][] {{1, 1}, {3, 3}, {1, 3}});
    KMeans.Result result =
        KMeans.cluster(tb, KMeans.generate(tb, 3_000, 4, blobs, 7L), initial, 0, 1, (n, s) -> {});
    assertThat(result.points(), is(3_000L));
    Matcher totals =
        Pattern.compile(
                "\"totals\":\\{\"submitted\":(\\d+),\"waiting\":0,\"running\":0,\"done\":(\\d+),")
            .matcher(get(state).body());
    assertThat("the state after k-means", totals.find(), is(true));
    String submitted = totals.group(1);
    assertThat("every task done", totals.group(2), equalTo(submitted));
    assertThat("more than the naps", Integer.parseInt(submitted), greaterThanOrEqualTo(TASKS + 12));
    assertThat(
        "the live page's done count at the total",
        page.await(text("total-done"), submitted::equals, LIVE_SECONDS),
        equalTo(submitted));
    assertThat(page.evaluate(text("total-submitted")), equalTo(submitted));
    assertThat(page.evaluate(text("total-waiting")), equalTo("0"));
    assertThat(page.evaluate(text("total-running")), equalTo("0"));
    assertThat(page.evaluate(text("total-failed")), equalTo("0"));
    String bothTaskManagers = "taskmanager-1,taskmanager-2";
    assertThat(
        "the task stream's lanes",
        page.await(names("#task-stream text[data-process]"), bothTaskManagers::equals, 10),
        equalTo(bothTaskManagers));
    assertThat(
        "the workers panel",
        page.await(names("#workers tbody tr[data-process]"), bothTaskManagers::equals, 10),
        equalTo(bothTaskManagers));
  }

  /**
   * A daemon thread putting each value of {@code expression} in the page into {@code seen}, every
   * 50 ms, until it reads {@code last}: what the page showed while the tasks ran.
   */
  private static Thread watch(DevToolsPage page, String expression, Set<String> seen, String last) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (!seen.contains(last)) {
                  seen.add(page.evaluate(expression));
                  Thread.sleep(50);
                }
              } catch (Exception | AssertionError stop) {
                // the test's assertions say what was seen
              }
            },
            "dashboard-watcher");
    watcher.setDaemon(true);
    watcher.start();
    return watcher;
  }

  /** A session on the cluster, with what it printed at start (the dashboard's address) kept. */
  private TaskBeam start(LocalFlinkCluster cluster, String app, ByteArrayOutputStream printed) {
    PrintStream stderr = System.err;
    System.setErr(
        new PrintStream(new TeeOutputStream(stderr, printed), true, StandardCharsets.UTF_8));
    try {
      return TaskBeam.start(
          Cli.parse(
              new String[] {
                "--profile=flink-cluster",
                "--flinkMaster=" + cluster.restAddress(),
                "--parallelism=2",
                "--appName=" + app,
                "--workDir=" + tmp.resolve("work"),
                "--runsDir=" + tmp.resolve("runs"),
                "--metricsPort=-1",
                "--progress=off"
              },
              TaskBeamOptions.class));
    } finally {
      System.setErr(stderr);
    }
  }

  private static String url(ByteArrayOutputStream printed) {
    Matcher m = URL.matcher(printed.toString(StandardCharsets.UTF_8));
    assertThat("the dashboard's address printed at start", m.find(), is(true));
    return m.group(1);
  }

  private static Path chromium() {
    return DebianTool.require("chromium", "chromium");
  }

  private static String text(String id) {
    return "document.getElementById('" + id + "').textContent";
  }

  /** The distinct {@code data-process} names of the elements {@code selector} finds, sorted. */
  private static String names(String selector) {
    return "[...new Set([...document.querySelectorAll('"
        + selector
        + "')].map(e => e.dataset.process))].sort().join(',')";
  }

  /** The TaskManagers the state shows with a heap in use, once both are there or time is up. */
  private Set<String> sampledHeaps(String state, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    Set<String> sampled = new TreeSet<>();
    while (sampled.size() < 2 && System.nanoTime() < deadline) {
      String json = get(state).body();
      Matcher m = GAUGE.matcher(json.substring(json.indexOf("\"gauges\":")));
      sampled.clear();
      while (m.find()) {
        if (Long.parseLong(m.group(2)) > 0) {
          sampled.add(m.group(1));
        }
      }
      Thread.sleep(500);
    }
    return sampled;
  }

  /** The DOM headless Chromium builds from {@code page} (a file needing no server), on one line. */
  private String dumpDom(Path page) throws Exception {
    Path chromium = chromium();
    Path profile = Files.createDirectories(tmp.resolve("chromium"));
    Path dom = tmp.resolve("report-dom.html");
    Process p =
        new ProcessBuilder(
                HeadlessChromium.command(chromium, profile, "--dump-dom", page.toUri().toString()))
            .redirectOutput(dom.toFile())
            .redirectError(profile.resolve("chromium.log").toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    return Files.readString(dom, StandardCharsets.UTF_8).replace("\n", " ");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> processes(String json) {
    Set<String> names = new TreeSet<>();
    Matcher m = PROCESS.matcher(json);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
