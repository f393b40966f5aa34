package io.taskbeam.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The driver's live dashboard on the JDK's HTTP server: {@code /} the page, {@code /events} its
 * server-sent events (one {@code state} message at most every {@value #TICK_MILLIS} ms while
 * something changed, at least every second while the run goes on, {@code end} when it ended) and
 * {@code /state} one message as JSON. Every request must carry the run's token ({@code ?token=...},
 * 32 random bytes, compared in constant time) or gets 403: the page shows task names and failure
 * messages, and any local user could otherwise read them.
 */
public final class DashboardServer implements AutoCloseable {
  static final long TICK_MILLIS = 250;
  private static final long KEEP_ALIVE_MILLIS = 1_000;

  /** Pages watching at once; a further stream gets 503 (each holds one server thread). */
  static final int STREAM_LIMIT = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final LiveRun run;
  private final byte[] token;
  private final Semaphore streams = new Semaphore(STREAM_LIMIT);

  private DashboardServer(HttpServer server, ExecutorService executor, LiveRun run, byte[] token) {
    this.server = server;
    this.executor = executor;
    this.run = run;
    this.token = token;
  }

  /**
   * Serves {@code run} at {@code address}.
   *
   * @throws IllegalArgumentException one line when the address cannot be bound
   */
  public static DashboardServer start(DashboardAddress address, LiveRun run) {
    HttpServer server;
    try {
      InetSocketAddress at = new InetSocketAddress(address.host(), address.port());
      if (address.tls() == null) {
        server = HttpServer.create(at, 0);
      } else {
        HttpsServer https = HttpsServer.create(at, 0);
        https.setHttpsConfigurator(
            new HttpsConfigurator(DashboardTls.serverContext(address.tls())));
        server = https;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--dashboard="
              + address.host()
              + ":"
              + address.port()
              + ": cannot listen there ("
              + e.getMessage()
              + "); pick a free port, --dashboard=auto for any, or --dashboard=off",
          e);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    ExecutorService executor =
        DaemonHttpServers.daemonThreads(STREAM_LIMIT + 2, "taskbeam-dashboard");
    DashboardServer dashboard = new DashboardServer(server, executor, run, token);
    server.createContext("/", dashboard::handle);
    DaemonHttpServers.start(server, executor, "taskbeam-dashboard-start", "the dashboard");
    return dashboard;
  }

  /** {@code http://127.0.0.1:41234/?token=...}, the address to open. */
  public String url() {
    return DaemonHttpServers.url(server, "/?token=" + new String(token, StandardCharsets.US_ASCII));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops serving; pages still watching get the last state and {@code end} first (they notice the
   * run ended within a tick, so this waits at most two seconds for them).
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (streams.availablePermits() < STREAM_LIMIT && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      if (!tokenMatches(exchange.getRequestURI().getRawQuery())) {
        send(
            exchange,
            403,
            "text/plain",
            "403: this dashboard needs its ?token= (printed at start)");
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "405: GET only");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/" -> send(exchange, 200, "text/html", DashboardPage.live());
        case "/state" -> send(exchange, 200, "application/json", run.message(0, -1, now()).json());
        case "/events" -> events(exchange);
        default ->
            send(exchange, 404, "text/plain", "404: the dashboard serves /, /events, /state");
      }
    }
  }

  /** Server-sent events until the run ends or the page goes away. */
  private void events(HttpExchange exchange) throws IOException {
    if (!streams.tryAcquire()) {
      send(exchange, 503, "text/plain", "503: " + STREAM_LIMIT + " pages already watch this run");
      return;
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long sentVersion = -1;
      long nextBar = 0;
      long graphVersion = -1;
      long lastSent = 0;
      while (true) {
        boolean ended = run.ended();
        long version = run.version();
        long nowMillis = System.currentTimeMillis();
        if (version != sentVersion || nowMillis - lastSent >= KEEP_ALIVE_MILLIS || ended) {
          LiveRun.Message m = run.message(nextBar, graphVersion, now());
          sentVersion = version;
          nextBar = m.nextBar();
          graphVersion = m.graphVersion();
          lastSent = nowMillis;
          write(out, "event: state\ndata: " + m.json() + "\n\n");
        }
        if (ended) {
          write(out, "event: end\ndata: {}\n\n");
          return;
        }
        Thread.sleep(TICK_MILLIS);
      }
    } catch (IOException | InterruptedException gone) {
      // the page closed, or the server stops: nothing to tell anyone
    } finally {
      streams.release();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private boolean tokenMatches(String rawQuery) {
    if (rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("token=")) {
        String given = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
      }
    }
    return false;
  }

  private static void send(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    DaemonHttpServers.send(
        exchange, code, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), false);
  }

  static long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
