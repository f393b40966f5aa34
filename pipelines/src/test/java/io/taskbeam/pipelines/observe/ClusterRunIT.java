package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.SharedFlinkCluster;
import io.taskbeam.pipelines.matmul.MatMulMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matmul program on a real local Flink cluster (1 JobManager, 2 TaskManagers with 1 slot, free
 * loopback ports, the Prometheus reporter of flink/conf on a free port range: the {@link
 * SharedFlinkCluster}), scraped by a real Prometheus together with the driver. The run directory
 * shows tasks on both TaskManagers; Prometheus has the task counters from the driver and CPU load
 * from both TaskManagers.
 */
@ExtendWith(SharedFlinkCluster.Resolver.class)
@Order(1)
class ClusterRunIT {
  @TempDir Path tmp;

  @Test
  void matmulOnTheClusterLeavesTracesAcrossBothTaskManagersAndPrometheusScrapesIt(
      SharedFlinkCluster shared) throws Exception {
    int driverPort = LocalService.freePort();
    LocalFlinkCluster cluster = shared.cluster();
    try (Prometheus prometheus =
        Prometheus.start(
            tmp.resolve("prometheus"),
            Map.of(
                "taskbeam-driver",
                List.of("127.0.0.1:" + driverPort),
                "flink",
                shared.reporterTargets()))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          MatMulMain.run(
              new String[] {
                "--runner=FlinkRunner",
                "--flinkMaster=" + cluster.restAddress(),
                "--parallelism=2",
                "--chunksPerWorker=2",
                "--n=256",
                "--blockSize=64",
                "--workDir=" + tmp.resolve("work"),
                "--runsDir=" + tmp.resolve("runs"),
                "--appName=matmul",
                "--metricsPort=" + driverPort,
                "--progress=off"
              },
              new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(out.toString(StandardCharsets.UTF_8), code, equalTo(0));
      assertThat(out.toString(StandardCharsets.UTF_8), containsString("plan: 64 tasks"));

      Path run = tmp.resolve("runs").resolve("matmul_01");
      for (String f :
          List.of(
              "graph.dot",
              "graph.svg",
              "plan.dot",
              "trace.json",
              "trace.prv",
              "trace.pcf",
              "trace.row",
              "report.html")) {
        assertThat(f, Files.isRegularFile(run.resolve(f)), equalTo(true));
      }
      assertThat(
          processNames(Files.readString(run.resolve("trace.json"))),
          containsInAnyOrder("taskmanager-1", "taskmanager-2"));
      String row = Files.readString(run.resolve("trace.row"));
      assertThat(row, containsString("taskmanager-1"));
      assertThat(row, containsString("taskmanager-2"));

      // The driver was scraped while it ran: all 64 tasks were submitted well before the job
      // ended (probing the cluster, staging and the job take several tenths of a second even
      // with one REST client per session; scrapes are 0.1 s apart: at 0.5 s a quiet machine
      // ran the whole session between two scrapes). The
      // final finished count of a run this short may end between two scrapes, which is what
      // the Pushgateway is for (DriverMetricsIT checks the pushed totals).
      List<Map.Entry<Map<String, String>, Double>> submitted =
          prometheus.await(
              "max_over_time(taskbeam_tasks_submitted_total{job=\"taskbeam-driver\"}[10m])",
              r -> !r.isEmpty() && r.get(0).getValue() == 64,
              20);
      assertThat(submitted.size(), equalTo(1));
      assertThat(submitted.get(0).getValue(), equalTo(64.0));
      List<Map.Entry<Map<String, String>, Double>> finished =
          prometheus.query(
              "max_over_time(taskbeam_tasks_finished_total{job=\"taskbeam-driver\"}[10m])");
      assertThat(finished.size(), equalTo(1));
      assertThat(finished.get(0).getValue(), lessThanOrEqualTo(64.0));
      Set<String> tms = new TreeSet<>();
      for (Map.Entry<Map<String, String>, Double> s :
          prometheus.await("flink_taskmanager_Status_JVM_CPU_Load", r -> r.size() >= 2, 30)) {
        tms.add(s.getKey().get("tm_id"));
      }
      assertThat(tms, hasItems("taskmanager_1", "taskmanager_2"));
      assertThat(
          prometheus.query("flink_jobmanager_numRegisteredTaskManagers").get(0).getValue(),
          equalTo(2.0));
      assertThat(
          prometheus.query("flink_taskmanager_Status_JVM_Memory_Heap_Used").size(), greaterThan(1));
    }
  }

  private static Set<String> processNames(String traceJson) {
    Set<String> names = new TreeSet<>();
    Matcher m =
        Pattern.compile(
                "\"name\":\"process_name\",\"pid\":[1-9]\\d*,\"tid\":0,"
                    + "\"args\":\\{\"name\":\"(taskmanager-\\d+)")
            .matcher(traceJson);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
