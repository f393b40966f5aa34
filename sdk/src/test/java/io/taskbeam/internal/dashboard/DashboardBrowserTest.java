package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Cli;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import io.taskbeam.testlab.TeeOutputStream;
import io.taskbeam.testlab.browser.DevToolsPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in a real browser: headless Chromium (installed by {@code .ci/install-test-tools})
 * opens the address a DirectRunner run prints, and the test reads the DOM through the DevTools
 * protocol while the tasks run: the done count moves and reaches the total, the task stream has its
 * bars, and a failing task's message appears in full. The screenshot is left in {@code
 * target/dashboard-live.png}. A run with the dashboard off still writes {@code report.html}, the
 * same page frozen, which the browser opens from the file with the same facts ({@code
 * target/report.png}).
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern URL = Pattern.compile("taskbeam: dashboard (http://\\S+)");
  private static final int NAPS = 16;
  private static final int TASKS = NAPS + NAPS / 2;
  private static final String MESSAGE = DashboardTasks.MESSAGE;

  @TempDir Path tmp;

  @BeforeEach
  void chromiumIsInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM), "chromium is not installed; run .ci/install-test-tools");
  }

  @Test
  void theDoneCountMovesLiveAndReachesTheTotal() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TaskBeam tb = start("watched", err);
    try {
      String url = url(err);
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.replaceFirst("token=.*", "token=wrong")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode(), is(403));
      List<TaskFuture<Integer>> naps = new ArrayList<>();
      for (int i = 0; i < NAPS; i++) {
        naps.add(tb.submit(DashboardTasks::nap, i));
      }
      List<TaskFuture<Integer>> sums = new ArrayList<>();
      for (int i = 0; i < NAPS; i += 2) {
        sums.add(tb.submit(DashboardTasks::add, naps.get(i), naps.get(i + 1)));
      }
      try (DevToolsPage page = DevToolsPage.open(CHROMIUM, url, tmp.resolve("profile"))) {
        assertThat(
            "submitted tasks shown before the sync point",
            page.await(text("total-submitted"), v -> v.equals("" + TASKS), 60),
            equalTo("" + TASKS));
        assertThat(page.evaluate(text("total-waiting")), equalTo("" + TASKS));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread watcher =
            new Thread(
                () -> {
                  try {
                    while (!seen.contains("" + TASKS)) {
                      seen.add(page.evaluate(text("total-done")));
                      Thread.sleep(50);
                    }
                  } catch (Exception stop) {
                    // the assertions below say what was seen
                  }
                });
        watcher.setDaemon(true);
        watcher.start();
        assertThat(tb.waitOn(sums).size(), is(NAPS / 2));
        String done = page.await(text("total-done"), v -> v.equals("" + TASKS), 30);
        watcher.join(5_000);
        assertThat(done, equalTo("" + TASKS));
        assertThat(
            "a count between 0 and the total, seen while the tasks ran: " + seen,
            seen.stream().anyMatch(v -> !v.equals("0") && !v.equals("" + TASKS)),
            is(true));
        assertThat(page.evaluate(text("total-failed")), equalTo("0"));
        assertThat(
            page.await(attribute("task-stream", "bars"), v -> v.equals("" + TASKS), 10),
            equalTo("" + TASKS));
        assertThat(
            Integer.parseInt(page.evaluate(attribute("task-stream", "lanes"))),
            greaterThanOrEqualTo(1));
        assertThat(
            page.evaluate(
                "[...document.querySelectorAll('#syncs tbody tr')].map(r => r.dataset.result)"
                    + ".join(',')"),
            equalTo("finished"));
        assertThat(page.evaluate(attribute("task-graph", "nodes")), equalTo("" + TASKS));
        assertThat(
            "edges from each nap to its add",
            page.evaluate("document.querySelectorAll('#task-graph line').length + ''"),
            equalTo("" + NAPS));
        assertThat(
            page.evaluate("document.querySelector('#failure-box').hidden + ''"), equalTo("true"));
        assertThat(
            "one worker row, the driver's JVM, with its heap sampled",
            page.await(
                "[...document.querySelectorAll('#workers tbody tr')]"
                    + ".map(r => r.querySelector('[data-gauge=heap]').textContent).join('|')",
                v -> !v.isEmpty() && !v.equals("-"),
                20),
            matchesPattern("[0-9.]+ (B|KiB|MiB|GiB)"));
        assertThat(
            "the driver's JVM is the only worker process",
            page.evaluate("document.querySelectorAll('#workers tbody tr').length + ''"),
            equalTo("1"));
        assertThat(
            "the driver's threads as its slots",
            page.evaluate("document.querySelector('#workers [data-gauge=slots]').textContent"),
            matchesPattern("[0-2] / 2"));
        assertThat(
            "its sparkline has the samples taken so far",
            Integer.parseInt(
                page.evaluate(
                    "document.querySelector('#workers [data-gauge=trend] svg').dataset.samples")),
            greaterThanOrEqualTo(1));
        Path png = Path.of("target", "dashboard-live.png");
        page.screenshot(png);
        assertThat(Files.size(png) > 10_000, is(true));
      }
    } catch (Exception | AssertionError e) {
      closeQuietly(tb, e);
      throw e;
    }
    tb.close();
  }

  @Test
  void aFailingTasksMessageAppearsInFullAndTheRunEndsFailed() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TaskBeam tb = start("failing", err);
    DevToolsPage page = null;
    try {
      page = DevToolsPage.open(CHROMIUM, url(err), tmp.resolve("profile"));
      page.await("document.body.dataset.live", v -> v.equals("live"), 60);
      List<TaskFuture<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(tb.submit(DashboardTasks::failOnThree, i));
      }
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(results));
      assertThat(e.getMessage(), containsString(MESSAGE));
      String failure = page.await(text("failure"), v -> v.contains(MESSAGE), 30);
      assertThat(failure, containsString("sync point 1: task failOnThree#"));
      assertThat(failure, containsString(MESSAGE));
      assertThat(
          page.evaluate("document.querySelector('#failure-box').hidden + ''"), equalTo("false"));
      assertThat(page.evaluate(text("failed-task")), containsString("failOnThree#"));
      assertThat(page.evaluate(text("total-failed")), equalTo("1"));
      tb.close();
      assertThat(
          page.await("document.getElementById('status').dataset.status", "failed"::equals, 30),
          equalTo("failed"));
      assertThat(page.evaluate("document.body.dataset.live"), equalTo("ended"));
      List<String> rows =
          List.of(
              page.evaluate(
                      "[...document.querySelectorAll('#syncs tbody tr')].map(r => r.dataset.result)"
                          + ".join(',')")
                  .split(","));
      assertThat(rows, hasItem("failed"));
    } finally {
      tb.close();
      if (page != null) {
        page.close();
      }
    }
  }

  @Test
  void theReportIsTheSamePageFrozenOpenedWithoutAServer() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path report;
    try (TaskBeam tb = start("reported", err, "--dashboard=off")) {
      List<TaskFuture<Integer>> naps = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        naps.add(tb.submit(DashboardTasks::nap, i));
      }
      List<TaskFuture<Integer>> all = new ArrayList<>(naps);
      all.add(tb.submit(DashboardTasks::add, naps.get(0), naps.get(1)));
      List<Integer> values = tb.waitOn(all);
      tb.check("the sum is 1", values.get(4) == 1);
      report = tb.runDirectory().resolve("report.html");
    }
    assertThat(err.toString(StandardCharsets.UTF_8), not(containsString("taskbeam: dashboard")));
    try (DevToolsPage page =
        DevToolsPage.open(CHROMIUM, report.toUri().toString(), tmp.resolve("profile"))) {
      assertThat(page.await("document.body.dataset.live", "frozen"::equals, 60), equalTo("frozen"));
      assertThat(page.evaluate("document.title"), equalTo("taskbeam report: reported"));
      assertThat(
          page.evaluate("document.getElementById('status').dataset.status"), equalTo("finished"));
      assertThat(page.evaluate(text("total-submitted")), equalTo("5"));
      assertThat(page.evaluate(text("total-done")), equalTo("5"));
      assertThat(page.evaluate(attribute("task-stream", "bars")), equalTo("5"));
      assertThat(page.evaluate(attribute("task-graph", "nodes")), equalTo("5"));
      assertThat(
          page.evaluate("document.querySelector('#running-box').hidden + ''"), equalTo("true"));
      assertThat(
          page.evaluate(
              "document.querySelector('#summary tr[data-row=\"result check\"] [data-passed=true]')"
                  + ".textContent"),
          equalTo("OK the sum is 1"));
      assertThat(
          page.evaluate(
              "document.querySelector('#metrics tr[data-function=nap] [data-count=finished]')"
                  + ".textContent"),
          equalTo("4"));
      assertThat(
          page.evaluate("document.querySelectorAll('#stages tbody tr').length + ''"), equalTo("2"));
      assertThat(
          page.evaluate(
              "[...document.querySelectorAll('#files a')].map(a => a.textContent).join()"),
          containsString("trace.json"));
      assertThat(
          "no samples of the workers with the dashboard off",
          page.evaluate(text("workers-note")),
          containsString("only while the dashboard is on"));
      Path png = Path.of("target", "report.png");
      page.screenshot(png);
      assertThat(Files.size(png) > 10_000, is(true));
    }
  }

  /** Closes a session a failed test left with tasks never synced, keeping the test's failure. */
  private static void closeQuietly(TaskBeam tb, Throwable failure) {
    try {
      tb.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private TaskBeam start(String app, ByteArrayOutputStream err, String... more) {
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(stderr, err), true, StandardCharsets.UTF_8));
    try {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--runner=DirectRunner",
                  "--parallelism=2",
                  "--appName=" + app,
                  "--workDir=" + tmp.resolve("work"),
                  "--runsDir=" + tmp.resolve("runs"),
                  "--metricsPort=-1",
                  "--progress=off"));
      args.addAll(List.of(more));
      return TaskBeam.start(Cli.parse(args.toArray(new String[0]), TaskBeamOptions.class));
    } finally {
      System.setErr(stderr);
    }
  }

  private static String url(ByteArrayOutputStream err) {
    Matcher m = URL.matcher(err.toString(StandardCharsets.UTF_8));
    assertThat("the dashboard's address printed at start", m.find(), is(true));
    return m.group(1);
  }

  private static String text(String id) {
    return "document.getElementById('" + id + "').textContent";
  }

  private static String attribute(String id, String data) {
    return "(document.getElementById('" + id + "').dataset." + data + " || '')";
  }
}
