package io.taskbeam.flink.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.NetUtils;

/**
 * Flink's Prometheus pull reporter, bound to one address: {@code host} (default 127.0.0.1) and the
 * first free port of {@code port} (a range such as {@code 9249-9259}, or a list).
 *
 * <p>Flink 1.19's own {@code PrometheusReporterFactory} has no host option and serves on every
 * interface, so on a laptop anyone on the network could read the cluster's metrics. The local
 * launcher switches a config that asks for Flink's reporter to this one (see {@code
 * ClusterConfig}); on Kubernetes, where Prometheus scrapes pods from elsewhere, the bundled config
 * keeps Flink's. Found through {@code META-INF/services}, as Flink requires.
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
  public static final String HOST = "host";
  public static final String PORT = "port";

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    String host = properties.getProperty(HOST, "127.0.0.1");
    String ports = properties.getProperty(PORT, "9249");
    return new BoundPrometheusReporter(host, ports, NetUtils.getPortRangeFromString(ports));
  }
}
