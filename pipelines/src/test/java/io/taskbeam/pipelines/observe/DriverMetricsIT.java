package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.matmul.BlockedMatMul;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the driver's /metrics while a program runs, and a real Pushgateway
 * receives the totals at the end; the test reads both back through Prometheus' HTTP API.
 */
class DriverMetricsIT {
  @TempDir Path tmp;

  @Task
  static int slow(int i) throws InterruptedException {
    Thread.sleep(400);
    return i;
  }

  @Test
  void prometheusSeesTaskCountersWhileTheDriverRunsAndTheGatewayGetsTheRunTime() throws Exception {
    int driverPort = LocalService.freePort();
    int gatewayPort = LocalService.freePort();
    Path gwExe = DebianTool.require("prometheus-pushgateway", "prometheus-pushgateway");
    // Debian's gateway persists to /var/lib/prometheus/pushgateway.data by default, so a new
    // one would start with the previous test run's pushes: keep this one in memory only.
    try (LocalService gateway =
            new LocalService(
                List.of(
                    gwExe.toString(),
                    "--web.listen-address=127.0.0.1:" + gatewayPort,
                    "--persistence.file="),
                gatewayPort,
                tmp.resolve("pushgateway.log"),
                "/-/ready");
        Prometheus prometheus =
            Prometheus.start(
                tmp.resolve("prometheus"),
                Map.of(
                    "taskbeam-driver", List.of("127.0.0.1:" + driverPort),
                    "pushgateway", List.of("127.0.0.1:" + gatewayPort)))) {
      long started = System.nanoTime();
      int n = 256;
      int block = 64;
      int blocks = n / block;
      Random random = new Random(5);
      DMatrixRMaj a = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
      DMatrixRMaj b = RandomMatrices_DDRM.rectangle(n, n, -1, 1, random);
      try (TaskBeam tb =
          TaskBeam.start(
              "--runner=DirectRunner",
              "--parallelism=2",
              "--workDir=" + tmp.resolve("work"),
              "--runsDir=" + tmp.resolve("runs"),
              "--appName=metrics-it",
              "--metricsPort=" + driverPort,
              "--pushgateway=" + gateway.url(),
              "--progress=off")) {
        // The running gauge below is only visible if Prometheus already scrapes the driver
        // while the slow tasks run: wait for its first successful scrape before submitting.
        List<Map.Entry<Map<String, String>, Double>> up =
            prometheus.await(
                "up{job=\"taskbeam-driver\"}",
                r -> r.size() == 1 && r.get(0).getValue() == 1.0,
                30);
        assertThat(
            "Prometheus scrapes the driver: " + up,
            up.size() == 1 && up.get(0).getValue() == 1.0,
            equalTo(true));
        List<TaskFuture<Integer>> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          slow.add(tb.submit(DriverMetricsIT::slow, i));
        }
        tb.waitOn(slow);
        DMatrixRMaj c = BlockedMatMul.multiply(tb, a, b, block, false);
        DMatrixRMaj expected = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, b, expected);
        assertThat(MatrixFeatures_DDRM.isIdentical(c, expected, 1e-9), equalTo(true));

        String finished = "taskbeam_tasks_finished_total{job=\"taskbeam-driver\"}";
        List<Map.Entry<Map<String, String>, Double>> series =
            prometheus.await(
                finished, r -> r.size() == 2 && r.stream().allMatch(e -> e.getValue() > 8), 30);
        assertThat(
            values(series),
            equalTo(Map.of("multiplyAccumulate", (double) blocks * blocks * blocks, "slow", 8.0)));
        assertThat(
            values(prometheus.query("taskbeam_tasks_submitted_total{job=\"taskbeam-driver\"}")),
            equalTo(Map.of("multiplyAccumulate", (double) blocks * blocks * blocks, "slow", 8.0)));
        assertThat(
            values(
                prometheus.query("taskbeam_task_duration_seconds_count{job=\"taskbeam-driver\"}")),
            equalTo(Map.of("multiplyAccumulate", (double) blocks * blocks * blocks, "slow", 8.0)));
        assertThat(
            values(prometheus.query("taskbeam_tasks_failed_total{job=\"taskbeam-driver\"}")),
            equalTo(Map.of("multiplyAccumulate", 0.0, "slow", 0.0)));
        // Eight 0.4 s tasks on two workers run for 1.6 s: scraped every 0.5 s, the running
        // gauge was seen above zero while they ran.
        assertThat(
            values(
                    prometheus.query(
                        "max_over_time(taskbeam_tasks_running{job="
                            + "\"taskbeam-driver\",function=\"slow\"}[5m])"))
                .get("slow"),
            greaterThanOrEqualTo(1.0));
      }
      double wall = (System.nanoTime() - started) / 1e9;
      // the pushed total is the very number the run logs ("end after S s" in run.log)
      String log =
          java.nio.file.Files.readString(
              tmp.resolve("runs").resolve("metrics-it_01").resolve("run.log"));
      java.util.regex.Matcher end =
          java.util.regex.Pattern.compile("end after ([0-9.]+) s").matcher(log);
      assertThat(log, end.find(), equalTo(true));
      double logged = Double.parseDouble(end.group(1));
      List<Map.Entry<Map<String, String>, Double>> pushed =
          prometheus.await(
              "taskbeam_run_seconds{job=\"taskbeam\",app=\"metrics-it\"}",
              r -> r.size() == 1 && Math.abs(r.get(0).getValue() - logged) < 0.001,
              30);
      assertThat(pushed.size(), equalTo(1));
      assertThat(pushed.get(0).getValue(), closeTo(logged, 0.001));
      assertThat(pushed.get(0).getValue(), both(greaterThan(0.5)).and(lessThan(wall)));
      assertThat(
          values(
              prometheus.await(
                  "taskbeam_tasks_finished_total{job=\"taskbeam\","
                      + "app=\"metrics-it\",instance=\"\"}",
                  r -> r.size() == 2,
                  30)),
          equalTo(Map.of("multiplyAccumulate", (double) blocks * blocks * blocks, "slow", 8.0)));
    }
  }

  private static Map<String, Double> values(List<Map.Entry<Map<String, String>, Double>> series) {
    Map<String, Double> byFunction = new java.util.TreeMap<>();
    series.forEach(e -> byFunction.put(e.getKey().get("function"), e.getValue()));
    return byFunction;
  }
}
