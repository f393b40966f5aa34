package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports of a local cluster. REST and JobManager RPC must be fixed (clients and TaskManagers
 * connect to them); blob and the TaskManager ports may be 0, meaning "any free port, chosen by the
 * OS when the process binds".
 *
 * @param rest REST API and dashboard ({@code rest.port}); what Beam's {@code --flinkMaster} names
 * @param jobManagerRpc JobManager RPC ({@code jobmanager.rpc.port})
 * @param blob blob server ({@code blob.server.port}), 0 for any
 * @param taskManagerRpc first TaskManager RPC port; TaskManager k uses {@code taskManagerRpc + k -
 *     1}; 0 for any
 * @param taskManagerData first TaskManager data port, numbered like {@code taskManagerRpc}; 0 for
 *     any
 */
public record ClusterPorts(
    int rest, int jobManagerRpc, int blob, int taskManagerRpc, int taskManagerData) {

  public ClusterPorts {
    requirePort("rest.port", rest, false);
    requirePort("jobmanager.rpc.port", jobManagerRpc, false);
    requirePort("blob.server.port", blob, true);
    requirePort("taskmanager.rpc.port", taskManagerRpc, true);
    requirePort("taskmanager.data.port", taskManagerData, true);
  }

  /**
   * Flink's standard layout: REST 8081, RPC 6123, blob 6124; TaskManager ports chosen by the OS.
   */
  public static ClusterPorts defaults() {
    return new ClusterPorts(8081, 6123, 6124, 0, 0);
  }

  /**
   * Free loopback ports for REST, RPC and blob, for tests that must not collide with a running
   * cluster. The ports are free when picked; another process could take one before Flink binds it,
   * which the start-up reports as a port problem.
   */
  public static ClusterPorts free() {
    int[] ports = freeLoopbackPorts(3);
    return new ClusterPorts(ports[0], ports[1], ports[2], 0, 0);
  }

  /**
   * {@code count} distinct loopback ports that were free a moment ago, below the kernel's range of
   * ephemeral ports: a port the OS hands out for "any free port" may be given to an outgoing
   * connection (a TaskManager's, a test's HTTP client) before Flink binds it, which a fresh clone's
   * CI met once ("Could not start rest endpoint on any port in port range 37835"); a port below
   * that range is only ever taken by a listener that chose it.
   */
  public static int[] freeLoopbackPorts(int count) {
    int top = ephemeralLow();
    int bottom = Math.max(1024, top - 12_000);
    int[] ports = new int[count];
    int found = 0;
    int start = bottom + ThreadLocalRandom.current().nextInt(top - bottom);
    for (int i = 0; i < top - bottom && found < count; i++) {
      int port = bottom + (start - bottom + i) % (top - bottom);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        ports[found++] = socket.getLocalPort();
      } catch (IOException taken) {
        // in use: try the next one
      }
    }
    if (found < count) {
      throw new ClusterException(
          "cannot find " + count + " free loopback ports between " + bottom + " and " + top);
    }
    return ports;
  }

  /** The first port of the kernel's ephemeral range (Linux: 32768 unless configured). */
  private static int ephemeralLow() {
    try {
      // read line by line: Files.readString trusts the size /proc reports and returned "3"
      Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
      String range = Files.readAllLines(file).get(0).strip();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > 4096 ? low : 32768;
    } catch (IOException | RuntimeException e) {
      return 32768; // not Linux, or not readable: the usual low end
    }
  }

  public ClusterPorts withRest(int port) {
    return new ClusterPorts(port, jobManagerRpc, blob, taskManagerRpc, taskManagerData);
  }

  public ClusterPorts withJobManagerRpc(int port) {
    return new ClusterPorts(rest, port, blob, taskManagerRpc, taskManagerData);
  }

  public ClusterPorts withBlob(int port) {
    return new ClusterPorts(rest, jobManagerRpc, port, taskManagerRpc, taskManagerData);
  }

  public ClusterPorts withTaskManagerPorts(int rpc, int data) {
    return new ClusterPorts(rest, jobManagerRpc, blob, rpc, data);
  }

  /** The RPC port of TaskManager {@code index} (1-based), or 0 for any. */
  int taskManagerRpc(int index) {
    return nth("taskmanager.rpc.port", taskManagerRpc, index);
  }

  /** The data port of TaskManager {@code index} (1-based), or 0 for any. */
  int taskManagerData(int index) {
    return nth("taskmanager.data.port", taskManagerData, index);
  }

  private static int nth(String key, int base, int index) {
    if (base == 0) {
      return 0;
    }
    int port = base + index - 1;
    if (port > 65535) {
      throw new IllegalArgumentException(
          key + " range starting at " + base + " has no port for TaskManager " + index);
    }
    return port;
  }

  /** The JobManager's fixed ports by config key, in the order they are checked. */
  Map<String, Integer> jobManagerPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("rest.port", rest);
    ports.put("jobmanager.rpc.port", jobManagerRpc);
    if (blob != 0) {
      ports.put("blob.server.port", blob);
    }
    return ports;
  }

  /** TaskManager {@code index}'s fixed ports by config key (none when chosen by the OS). */
  Map<String, Integer> taskManagerPorts(int index) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (taskManagerRpc != 0) {
      ports.put("taskmanager.rpc.port", taskManagerRpc(index));
    }
    if (taskManagerData != 0) {
      ports.put("taskmanager.data.port", taskManagerData(index));
    }
    return ports;
  }

  /** Throws {@link PortInUseException} for the first port that cannot be bound on {@code host}. */
  static void requireFree(String host, Map<String, Integer> portsByKey) {
    portsByKey.forEach(
        (key, port) -> {
          try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port), 1);
          } catch (IOException e) {
            throw new PortInUseException(key, port, host);
          }
        });
  }

  /**
   * Waits up to {@code bound} until {@link #requireFree} passes (a process just killed may still
   * hold its ports for a moment).
   *
   * @throws PortInUseException for a port still taken after {@code bound}
   */
  static void awaitFree(String host, Map<String, Integer> portsByKey, java.time.Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      try {
        requireFree(host, portsByKey);
        return;
      } catch (PortInUseException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        ProcessControl.sleep(java.time.Duration.ofMillis(200));
      }
    }
  }

  private static void requirePort(String key, int port, boolean zeroAllowed) {
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new IllegalArgumentException(
          key
              + " must be "
              + (zeroAllowed ? "0 (any) or " : "")
              + "between 1 and 65535, got "
              + port);
    }
  }
}
