package io.taskbeam.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the driver's two JDK HTTP servers, the dashboard and the metrics endpoint ({@code
 * internal.observe}, which may use this package while this package uses no other), share: daemon
 * threads started so that they never keep the JVM alive, the address actually bound, and a whole
 * response sent at once.
 */
public final class DaemonHttpServers {
  private DaemonHttpServers() {}

  /** A pool of {@code count} daemon threads named {@code name}, to serve requests on. */
  public static ExecutorService daemonThreads(int count, String name) {
    return Executors.newFixedThreadPool(
        count,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Starts {@code server} on {@code executor} from a daemon thread named {@code starterName}: the
   * server's dispatcher thread ({@code HTTP-Dispatcher}) inherits the daemon flag from the thread
   * that starts it, and a non-daemon dispatcher would keep the JVM of a program that never closed
   * its session alive after {@code main} returned.
   *
   * @param what the server, as the message of an interrupted start names it: {@code "the
   *     dashboard"}
   */
  public static void start(
      HttpServer server, ExecutorService executor, String starterName, String what) {
    server.setExecutor(executor);
    Thread starter = new Thread(server::start, starterName);
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + what, e);
    }
  }

  /**
   * {@code http://127.0.0.1:41234} + {@code pathAndQuery} ({@code https} for an HTTPS server): the
   * address {@code server} actually bound, an IPv6 one in brackets.
   */
  public static String url(HttpServer server, String pathAndQuery) {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https://" : "http://";
    return scheme + host + ":" + a.getPort() + pathAndQuery;
  }

  /** Sends status {@code code} and {@code body}; with {@code headOnly} (HEAD) the headers only. */
  public static void send(
      HttpExchange exchange, int code, String contentType, byte[] body, boolean headOnly)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, headOnly ? -1 : body.length);
    if (!headOnly) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
