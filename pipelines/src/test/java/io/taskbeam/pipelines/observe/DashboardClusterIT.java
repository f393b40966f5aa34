package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.taskbeam.Cli;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFuture;
import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.SharedFlinkCluster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * 403. After the session, headless Chromium opens the run's report (the same page, frozen) and the
 * test reads from its DOM that the workers panel lists both TaskManagers with a heap figure and the
 * data store panel shows a hit rate. The live page in the browser is tested on the DirectRunner
 * ({@code DashboardBrowserTest} in the sdk); the data is the same on every runner.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(2)
class DashboardClusterIT {
  private static final Pattern URL = Pattern.compile("taskbeam: dashboard (http://\\S+)");
  private static final Pattern PROCESS = Pattern.compile("\"process\":\"(taskmanager-\\d+)\"");
  private static final int TASKS = 12;

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
    PrintStream stderr = System.err;
    TaskBeam tb;
    System.setErr(new PrintStream(new Tee(stderr, printed), true, StandardCharsets.UTF_8));
    try {
      tb =
          TaskBeam.start(
              Cli.parse(
                  new String[] {
                    "--profile=flink-cluster",
                    "--flinkMaster=" + cluster.restAddress(),
                    "--parallelism=2",
                    "--appName=watched",
                    "--workDir=" + tmp.resolve("work"),
                    "--runsDir=" + tmp.resolve("runs"),
                    "--metricsPort=-1",
                    "--progress=off"
                  },
                  TaskBeamOptions.class));
    } finally {
      System.setErr(stderr);
    }
    try (tb) {
      Matcher m = URL.matcher(printed.toString(StandardCharsets.UTF_8));
      assertThat("the dashboard's address printed at start", m.find(), is(true));
      String url = m.group(1);
      String state = url.replace("/?token=", "/state?token=");
      assertThat(get(url.replaceFirst("token=.*", "token=")).statusCode(), is(403));
      // 32 KiB, above the 16 KiB that travel inside the job: stored once, read through the cache
      int[] everyTaskReads = new int[8192];
      List<TaskFuture<Integer>> naps = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        naps.add(tb.submit(DashboardTasks::napReading, i, everyTaskReads));
      }
      assertThat(
          get(state).body(), containsString("\"submitted\":" + TASKS + ",\"waiting\":" + TASKS));
      assertThat(tb.waitOn(naps).size(), is(TASKS));
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
      // Flink's REST serves the metrics its JobManager fetched last (every 10 s by default)
      assertThat(
          "both TaskManagers sampled with their heap in use",
          sampledHeaps(state, Duration.ofSeconds(40)),
          equalTo(Set.of("taskmanager-1", "taskmanager-2")));
    }
    Path report = tmp.resolve("runs").resolve("watched_01").resolve("report.html");
    String dom = dumpDom(report);
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
    Path chromium = DebianTool.require("chromium", "chromium");
    Path profile = Files.createDirectories(tmp.resolve("chromium"));
    Path dom = tmp.resolve("report-dom.html");
    Process p =
        new ProcessBuilder(
                List.of(
                    chromium.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--dump-dom",
                    page.toUri().toString()))
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

  // A copy of the sdk's DashboardBrowserTest.Tee: pipelines has no sdk test-jar to share it from.
  /** Writes to both streams: the test reads the address the run printed, the log keeps it. */
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
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
