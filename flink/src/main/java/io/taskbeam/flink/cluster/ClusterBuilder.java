package io.taskbeam.flink.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of a new cluster; every setting has a working default. */
public final class ClusterBuilder {
  Path runDir = Path.of("flink", "run");
  int taskManagers = 1;
  int slots = 1;
  ClusterPorts ports = ClusterPorts.defaults();
  Path baseConfig;
  final Map<String, String> extraConfig = new LinkedHashMap<>();
  final List<Path> extraClasspath = new ArrayList<>();
  Duration readyTimeout = Duration.ofSeconds(60);
  Duration stopTimeout = Duration.ofSeconds(15);
  boolean stopOnJvmExit;
  boolean tls;
  String host = LocalFlinkCluster.HOST;
  final List<String> tlsHosts = new ArrayList<>();
  int maxRestarts;

  ClusterBuilder() {}

  /**
   * The address the JobManager (and the TaskManagers started with it) bind to and advertise;
   * default {@value LocalFlinkCluster#HOST}. A node's own address makes the cluster reachable from
   * other nodes, as on a SLURM allocation; TaskManagers on those nodes join with {@link
   * LocalFlinkCluster#taskManagerCommand}.
   */
  public ClusterBuilder host(String address) {
    if (address == null || address.isBlank() || address.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("host must be an address or name, got '" + address + "'");
    }
    this.host = address;
    return this;
  }

  /**
   * More names and addresses the TLS certificates hold besides loopback and {@link #host} (e.g.
   * every node of an allocation); only with {@link #tls}.
   */
  public ClusterBuilder tlsHosts(List<String> hosts) {
    this.tlsHosts.addAll(hosts);
    return this;
  }

  /**
   * Mutual TLS ({@link ClusterTls}): internal connections (RPC, data, blob) and the REST API, which
   * then accepts only clients with the certificate in {@link LocalFlinkCluster#tlsClientDir()};
   * default off.
   */
  public ClusterBuilder tls(boolean enabled) {
    this.tls = enabled;
    return this;
  }

  /**
   * Where config, logs and pid files go; default {@code flink/run} (relative to the working dir).
   */
  public ClusterBuilder runDir(Path dir) {
    this.runDir = dir;
    return this;
  }

  /**
   * TaskManagers started by {@link LocalFlinkCluster#start()}; default 1. Zero starts the
   * JobManager alone, for TaskManagers that join from other hosts.
   */
  public ClusterBuilder taskManagers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("taskManagers must be 0 or more, got " + count);
    }
    this.taskManagers = count;
    return this;
  }

  /** Task slots per TaskManager; default 1. */
  public ClusterBuilder slotsPerTaskManager(int count) {
    this.slots = positive("slotsPerTaskManager", count);
    return this;
  }

  /** All ports; default {@link ClusterPorts#defaults()}. */
  public ClusterBuilder ports(ClusterPorts ports) {
    this.ports = ports;
    return this;
  }

  /** Only the REST port; default 8081. */
  public ClusterBuilder restPort(int port) {
    this.ports = ports.withRest(port);
    return this;
  }

  /** Free loopback ports ({@link ClusterPorts#free()}), for tests. */
  public ClusterBuilder freePorts() {
    this.ports = ClusterPorts.free();
    // The Prometheus reporter (on in flink/conf/config.yaml) gets free ports too, so that
    // clusters started by tests never compete for 9249-9259: each JVM takes the first free one.
    this.extraConfig.putIfAbsent(
        LocalFlinkCluster.REPORTER_PORT,
        Arrays.stream(ClusterPorts.freeLoopbackPorts(6))
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(",")));
    return this;
  }

  /** A base config file instead of the bundled {@code flink/conf/config.yaml}. */
  public ClusterBuilder baseConfig(Path file) {
    this.baseConfig = file;
    return this;
  }

  /**
   * One extra config entry (reporters, TLS, ...); hosts, ports and slots are set through this
   * builder.
   */
  public ClusterBuilder config(String key, String value) {
    this.extraConfig.put(key, value);
    return this;
  }

  /** Jars or directories (classes and the jars in them) appended to every Flink JVM's classpath. */
  public ClusterBuilder extraClasspath(Path... entries) {
    this.extraClasspath.addAll(List.of(entries));
    return this;
  }

  /** How long start-up and {@code addTaskManager} may take; default 60 s. */
  public ClusterBuilder readyTimeout(Duration timeout) {
    this.readyTimeout = timeout;
    return this;
  }

  /** How long {@code stop} waits after SIGTERM before SIGKILL; default 15 s. */
  public ClusterBuilder stopTimeout(Duration timeout) {
    this.stopTimeout = timeout;
    return this;
  }

  /**
   * Whether {@link LocalFlinkCluster#start()} registers a JVM shutdown hook that stops the cluster,
   * so a test JVM that is killed (SIGTERM, e.g. a surefire timeout) or exits early leaves no Flink
   * processes behind; default false (the CLI's cluster must outlive the CLI).
   */
  public ClusterBuilder stopOnJvmExit(boolean enabled) {
    this.stopOnJvmExit = enabled;
    return this;
  }

  /**
   * Starts a {@link ClusterSupervisor} with the cluster, which restarts a JobManager or TaskManager
   * that died, as it was started (same ports and config), at most {@code maxRestarts} times within
   * {@link ClusterSupervisor#WINDOW}; 0 (the default) starts none. The cluster then publishes
   * {@link io.taskbeam.flink.spi.ClusterContract#SUPERVISED}, so drivers wait for a lost JobManager
   * instead of ending.
   */
  public ClusterBuilder supervise(int maxRestarts) {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
    }
    this.maxRestarts = maxRestarts;
    if (maxRestarts > 0) {
      extraConfig.put(io.taskbeam.flink.spi.ClusterContract.SUPERVISED, "true");
    } else {
      extraConfig.remove(io.taskbeam.flink.spi.ClusterContract.SUPERVISED);
    }
    return this;
  }

  /** A cluster with these settings, not yet started. */
  public LocalFlinkCluster build() {
    ports.taskManagerPorts(taskManagers); // fails early if the TaskManager port range overflows
    ClusterConfig.generate(new FlinkConfig(), extraConfig, host, ports, slots, Path.of("tmp"));
    return new LocalFlinkCluster(this);
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }
}
