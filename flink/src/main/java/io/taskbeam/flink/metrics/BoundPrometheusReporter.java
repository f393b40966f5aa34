package io.taskbeam.flink.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;

/**
 * Flink's Prometheus metric collection ({@link AbstractPrometheusReporter}: names, labels,
 * collectors) served by an HTTP server bound to one address instead of all of them.
 */
final class BoundPrometheusReporter extends AbstractPrometheusReporter {
  private final HTTPServer server;

  BoundPrometheusReporter(String host, String portSpec, Iterator<Integer> ports) {
    CollectorRegistry registry = registryOf(this);
    HTTPServer started = null;
    while (started == null && ports.hasNext()) {
      int port = ports.next();
      try {
        started = new HTTPServer(new InetSocketAddress(host, port), registry, true);
        log.info("Started PrometheusReporter HTTP server on {}:{}.", host, port);
      } catch (IOException taken) {
        log.debug("Could not start PrometheusReporter HTTP server on {}:{}.", host, port, taken);
      }
    }
    if (started == null) {
      throw new RuntimeException(
          "Could not start PrometheusReporter HTTP server on "
              + host
              + " on any port of "
              + portSpec);
    }
    this.server = started;
  }

  /** The bound port, for tests. */
  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.stop();
    super.close();
  }

  /**
   * The reporter's registry is package-private in Flink 1.19.1; it is read once, at creation, so a
   * Flink that renames it fails at start-up with this message rather than serving nothing.
   */
  private static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
    try {
      Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
      field.setAccessible(true);
      return (CollectorRegistry) field.get(reporter);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "this flink-metrics-prometheus has no field "
              + "AbstractPrometheusReporter.registry (written for 1.19.1): "
              + e,
          e);
    }
  }
}
