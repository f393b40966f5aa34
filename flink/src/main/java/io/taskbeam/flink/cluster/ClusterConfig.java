package io.taskbeam.flink.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the config a local cluster runs with: the environment-neutral base ({@code
 * flink/conf/config.yaml}), then the caller's extra entries, then the keys the launcher owns
 * (hosts, ports, slots, temp dirs), which make the cluster loopback-only and let several clusters
 * share a machine.
 */
final class ClusterConfig {
  /**
   * Keys the launcher sets; extra config must not set them (it would desynchronise the launcher).
   */
  static final Set<String> MANAGED_KEYS =
      Set.of(
          "jobmanager.rpc.address",
          "jobmanager.bind-host",
          "jobmanager.rpc.port",
          "taskmanager.host",
          "taskmanager.bind-host",
          "rest.address",
          "rest.bind-address",
          "rest.port",
          "rest.bind-port",
          "blob.server.port",
          "taskmanager.numberOfTaskSlots",
          "io.tmp.dirs",
          "web.tmpdir",
          // set per TaskManager on its command line:
          "taskmanager.resource-id",
          "taskmanager.rpc.port",
          "taskmanager.data.port");

  private ClusterConfig() {}

  /**
   * The effective config.
   *
   * @param base entries from {@code flink/conf/config.yaml} (or a caller's base file)
   * @param extra caller entries, e.g. a metrics reporter or TLS settings
   * @param host the address every process binds to and advertises
   * @param ports the cluster's ports
   * @param slots task slots per TaskManager
   * @param tmpDir for {@code io.tmp.dirs} and {@code web.tmpdir}
   */
  static FlinkConfig generate(
      FlinkConfig base,
      Map<String, String> extra,
      String host,
      ClusterPorts ports,
      int slots,
      Path tmpDir) {
    requireUnmanaged(extra);
    FlinkConfig config = new FlinkConfig();
    base.asMap().forEach(config::set);
    extra.forEach(config::set);
    managed(host, ports, slots, tmpDir).forEach(config::set);
    bindReportersTo(config, host);
    return config;
  }

  static final String FLINK_PROMETHEUS =
      "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
  static final String LOOPBACK_PROMETHEUS =
      "io.taskbeam.flink.metrics.LoopbackPrometheusReporterFactory";

  /**
   * Flink's Prometheus reporter serves on every interface; each reporter that names it is switched
   * to {@link io.taskbeam.flink.metrics.LoopbackPrometheusReporterFactory} bound to {@code host},
   * unless the config names a {@code host} for it itself.
   */
  static void bindReportersTo(FlinkConfig config, String host) {
    for (Map.Entry<String, String> e : Map.copyOf(config.asMap()).entrySet()) {
      String key = e.getKey();
      if (key.startsWith("metrics.reporter.")
          && key.endsWith(".factory.class")
          && FLINK_PROMETHEUS.equals(e.getValue())) {
        String prefix = key.substring(0, key.length() - "factory.class".length());
        config.set(key, LOOPBACK_PROMETHEUS);
        if (config.get(prefix + "host") == null) {
          config.set(prefix + "host", host);
        }
      }
    }
  }

  /** The entries the launcher owns, in the order they are written. */
  static Map<String, String> managed(String host, ClusterPorts ports, int slots, Path tmpDir) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("jobmanager.rpc.address", host);
    m.put("jobmanager.bind-host", host);
    m.put("jobmanager.rpc.port", Integer.toString(ports.jobManagerRpc()));
    m.put("taskmanager.host", host);
    m.put("taskmanager.bind-host", host);
    m.put("rest.address", host);
    m.put("rest.bind-address", host);
    m.put("rest.port", Integer.toString(ports.rest()));
    m.put("rest.bind-port", Integer.toString(ports.rest()));
    m.put("blob.server.port", Integer.toString(ports.blob()));
    m.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
    m.put("io.tmp.dirs", tmpDir.toString());
    m.put("web.tmpdir", tmpDir.toString());
    return m;
  }

  /** The {@code -D key=value} arguments that make TaskManager {@code index} distinct. */
  static List<String> taskManagerArgs(int index, ClusterPorts ports) {
    List<String> args =
        new ArrayList<>(
            List.of("-D", "taskmanager.resource-id=" + ClusterDirectory.taskManagerName(index)));
    ports
        .taskManagerPorts(index)
        .forEach((key, port) -> args.addAll(List.of("-D", key + "=" + port)));
    return args;
  }

  private static void requireUnmanaged(Map<String, String> extra) {
    for (String key : extra.keySet()) {
      if (MANAGED_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "config key "
                + key
                + " is set by the launcher; use its ports/slots settings instead of extra config");
      }
    }
  }
}
