package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
