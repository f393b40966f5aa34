package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.sun.net.httpserver.HttpServer;
import io.taskbeam.spi.WorkerGauges;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The TaskManagers' samples read from Flink 1.19's REST answers (shapes as a local cluster gives
 * them): ids, hosts and slots from {@code /taskmanagers}, CPU and heap from the metrics endpoint,
 * and what is missing left unknown; against a stand-in REST server on 127.0.0.1, and an address
 * where nothing listens.
 */
class ClusterGaugesTest {
  private static final String TASK_MANAGERS =
      "{\"taskmanagers\":[{\"id\":\"taskmanager-1\",\"path\":\"pekko.tcp://flink@127.0.0.1:40111"
          + "/user/rpc/taskmanager_0\",\"dataPort\":40222,\"jmxPort\":-1,"
          + "\"timeSinceLastHeartbeat\":1733550000000,\"slotsNumber\":2,\"freeSlots\":1,"
          + "\"totalResource\":{\"cpuCores\":2.0,\"taskHeapMemory\":512,\"extendedResources\":{}},"
          + "\"freeResource\":{\"cpuCores\":1.0,\"taskHeapMemory\":256,\"extendedResources\":{}},"
          + "\"hardware\":{\"cpuCores\":2,\"physicalMemory\":25000000000,\"freeMemory\":"
          + "536870912,\"managedMemory\":134217728},\"memoryConfiguration\":{\"frameworkHeap\":"
          + "134217728,\"taskHeap\":402653184},\"blocked\":false},"
          + "{\"id\":\"taskmanager-2\",\"path\":\"pekko.tcp://flink@10.0.0.7:40333/user/rpc/"
          + "taskmanager_0\",\"dataPort\":40444,\"jmxPort\":-1,\"timeSinceLastHeartbeat\":"
          + "1733550000001,\"slotsNumber\":1,\"freeSlots\":1,\"totalResource\":{\"cpuCores\":1.0,"
          + "\"extendedResources\":{}},\"hardware\":{\"cpuCores\":2},\"blocked\":false}]}";

  @Test
  void taskManagersAreListedWithHostAndSlots() {
    assertThat(
        ClusterGauges.taskManagers(TASK_MANAGERS),
        contains(
            new ClusterGauges.TaskManager("taskmanager-1", "127.0.0.1", 2, 1),
            new ClusterGauges.TaskManager("taskmanager-2", "10.0.0.7", 1, 1)));
    assertThat(ClusterGauges.taskManagers("{\"taskmanagers\":[]}"), equalTo(List.of()));
  }

  @Test
  void aSampleReadsCpuAndHeapFromTheMetricsAnswer() {
    ClusterGauges.TaskManager tm = new ClusterGauges.TaskManager("taskmanager-1", "h", 2, 1);
    String metrics =
        "[{\"id\":\"Status.JVM.Memory.Heap.Max\",\"value\":\"536870912\"},"
            + "{\"id\":\"Status.JVM.CPU.Load\",\"value\":\"0.0625\"},"
            + "{\"id\":\"Status.JVM.Memory.Heap.Used\",\"value\":\"123456789\"}]";
    assertThat(
        ClusterGauges.sample(tm, metrics),
        equalTo(new WorkerGauges.Sample("taskmanager-1", "h", 0.0625, 123456789, 536870912, 2, 1)));
  }

  @Test
  void metricsNotFetchedYetAreUnknown() {
    ClusterGauges.TaskManager tm = new ClusterGauges.TaskManager("taskmanager-2", "h", 1, 1);
    assertThat(
        ClusterGauges.sample(tm, "[]"),
        equalTo(new WorkerGauges.Sample("taskmanager-2", "h", -1, -1, -1, 1, 0)));
  }

  @Test
  void aClustersRestAnswersBecomeOneSamplePerTaskManager() throws Exception {
    HttpServer rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> asked = new CopyOnWriteArrayList<>();
    rest.createContext(
        "/",
        exchange -> {
          String uri = exchange.getRequestURI().toString();
          asked.add(uri);
          String body =
              uri.equals("/taskmanagers")
                  ? TASK_MANAGERS
                  : uri.startsWith("/taskmanagers/taskmanager-1/metrics")
                      ? "[{\"id\":\"Status.JVM.Memory.Heap.Used\",\"value\":\"1000\"}]"
                      : "[]";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (exchange) {
            exchange.getResponseBody().write(bytes);
          }
        });
    rest.start();
    try {
      List<WorkerGauges.Sample> samples =
          new ClusterGauges("127.0.0.1:" + rest.getAddress().getPort(), null).sample();
      assertThat(
          samples,
          contains(
              new WorkerGauges.Sample("taskmanager-1", "127.0.0.1", -1, 1000, -1, 2, 1),
              new WorkerGauges.Sample("taskmanager-2", "10.0.0.7", -1, -1, -1, 1, 0)));
      assertThat(
          asked,
          hasItem(
              "/taskmanagers/taskmanager-2/metrics?get=Status.JVM.CPU.Load,"
                  + "Status.JVM.Memory.Heap.Used,Status.JVM.Memory.Heap.Max"));
    } finally {
      rest.stop(0);
    }
  }

  @Test
  void aClusterThatDoesNotAnswerGivesNoSample() throws Exception {
    int closed;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = free.getLocalPort();
    }
    assertThat(new ClusterGauges("127.0.0.1:" + closed, null).sample(), equalTo(List.of()));
  }

  @Test
  void theHostComesFromTheRpcPath() {
    assertThat(
        ClusterGauges.host("pekko.tcp://flink@tm-0.flink:6122/user/rpc/x"), equalTo("tm-0.flink"));
    assertThat(ClusterGauges.host("no address"), nullValue());
    assertThat(ClusterGauges.host(null), nullValue());
  }
}
