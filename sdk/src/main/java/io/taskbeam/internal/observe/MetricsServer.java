package io.taskbeam.internal.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskbeam.internal.dashboard.DaemonHttpServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The driver's {@code /metrics} endpoint (Prometheus text format) on the JDK's HTTP server, one
 * daemon thread, up from the session's start to its end.
 */
public final class MetricsServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves {@code body} at {@code http://address:port/metrics}; port 0 picks a free one. */
  public static MetricsServer start(String address, int port, Supplier<String> body) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--metricsPort="
              + port
              + ": cannot listen on "
              + address
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); pick a free port, 0 for any, or "
              + "-1 to turn the endpoint off",
          e);
    }
    server.createContext("/metrics", exchange -> respond(exchange, body));
    ExecutorService executor = DaemonHttpServers.daemonThreads(1, "taskbeam-metrics");
    DaemonHttpServers.start(server, executor, "taskbeam-metrics-start", "the metrics endpoint");
    return new MetricsServer(server, executor);
  }

  /** {@code http://127.0.0.1:41234/metrics}: the address actually bound ({@code 0.0.0.0} = all). */
  public String url() {
    return DaemonHttpServers.url(server, "/metrics");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, Supplier<String> body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes;
      try {
        bytes = body.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      DaemonHttpServers.send(exchange, 200, CONTENT_TYPE, bytes, head);
    }
  }
}
