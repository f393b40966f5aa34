package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterPortsTest {

  @Test
  void freePortsAreDistinctAndLeaveTaskManagerPortsToTheOs() {
    ClusterPorts ports = ClusterPorts.free();

    assertThat(Set.of(ports.rest(), ports.jobManagerRpc(), ports.blob()).size(), equalTo(3));
    assertThat(ports.rest(), greaterThan(0));
    assertThat(ports.taskManagerPorts(1), equalTo(Map.of()));
  }

  /**
   * Below the ephemeral range (32768 here), which outgoing connections draw from: a fresh clone's
   * CI once lost a REST port picked by the OS ("any free port") to one before Flink bound it.
   */
  @Test
  void freePortsLieBelowTheEphemeralRangeAndCanBeBound() throws Exception {
    String range =
        Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip();
    int ephemeralLow = Integer.parseInt(range.split("\\s+")[0]);
    int[] ports = ClusterPorts.freeLoopbackPorts(5);
    assertThat(Arrays.stream(ports).distinct().count(), equalTo(5L));
    for (int port : ports) {
      assertThat(port, lessThan(ephemeralLow));
      assertThat(port, greaterThan(1023));
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(s.getLocalPort(), equalTo(port));
      }
    }
  }

  @Test
  void taskManagerPortsCountUpFromTheBase() {
    ClusterPorts ports = ClusterPorts.defaults().withTaskManagerPorts(50100, 50200);

    assertThat(
        ports.taskManagerPorts(2),
        equalTo(Map.of("taskmanager.rpc.port", 50101, "taskmanager.data.port", 50201)));
    assertThat(
        ports.jobManagerPorts(),
        equalTo(Map.of("rest.port", 8081, "jobmanager.rpc.port", 6123, "blob.server.port", 6124)));
  }

  @Test
  void restPortMustBeFixed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClusterPorts.defaults().withRest(0));

    assertThat(e.getMessage(), equalTo("rest.port must be between 1 and 65535, got 0"));
  }

  @Test
  void taskManagerPortRangeMustFit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterPorts.defaults().withTaskManagerPorts(65535, 0).taskManagerPorts(2));

    assertThat(
        e.getMessage(),
        equalTo("taskmanager.rpc.port range starting at 65535 has no port for TaskManager 2"));
  }
}
