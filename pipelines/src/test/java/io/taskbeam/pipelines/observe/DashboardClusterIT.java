package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard of a run on a real local Flink cluster (1 JobManager, 2 TaskManagers with one
 * slot each, the {@link SharedFlinkCluster}): while the session is open, its {@code /state} (what
 * the page draws) counts every task done and names both TaskManagers among the workers and the task
 * stream's lanes; a request without the token gets 403. The browser side is tested on the
 * DirectRunner ({@code DashboardBrowserTest} in the sdk); the data is the same on every runner.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(2)
class DashboardClusterIT {
  private static final Pattern URL = Pattern.compile("taskbeam: dashboard (http://\\S+)");
  private static final Pattern PROCESS = Pattern.compile("\"process\":\"(taskmanager-\\d+)\"");
  private static final int TASKS = 12;
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
      List<TaskFuture<Integer>> naps = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        naps.add(tb.submit(DashboardTasks::nap, i));
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
    }
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
