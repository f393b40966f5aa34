package io.taskbeam.internal.flink;

import io.taskbeam.flink.spi.ClusterContract;
import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a Flink session cluster, before anything is submitted, whether it is there and has room:
 * {@code GET /overview} (TaskManagers and slots) and {@code GET /jobmanager/config} (the {@link
 * ClusterContract} keys). Every call is bounded, so a dead address, a port that is not Flink's REST
 * port, or a cluster without free slots becomes one clear error within seconds instead of Flink's
 * client retrying for minutes.
 */
public final class ClusterProbe {
  private static final Duration CONNECT = Duration.ofSeconds(3);
  private static final Duration READ = Duration.ofSeconds(4);
  private static final Pattern ENTRY =
      Pattern.compile(
          "\\{\\s*\"key\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*,\\s*\"value\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*}");

  /** What the cluster said. */
  public record ClusterInfo(
      String master,
      int taskManagers,
      int slotsTotal,
      int slotsAvailable,
      Map<String, String> config) {}

  private ClusterProbe() {}

  /**
   * Probes {@code master} ({@code host:port} of the REST endpoint).
   *
   * @throws IllegalStateException one line naming the address and what to check
   */
  public static ClusterInfo probe(String master) {
    return probe(master, null);
  }

  /**
   * Probes {@code master} over HTTPS with the client certificate of {@code tls}, or over plain HTTP
   * when {@code tls} is null.
   */
  public static ClusterInfo probe(String master, FlinkTls tls) {
    HttpClient client = client(tls);
    String base = base(master, tls);
    requireKnownHost(base, master);
    String overview = get(client, base, "/overview", master);
    int taskManagers = number(overview, "taskmanagers", master);
    int total = number(overview, "slots-total", master);
    int available = number(overview, "slots-available", master);
    Map<String, String> config = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(get(client, base, "/jobmanager/config", master));
    while (m.find()) {
      config.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    return new ClusterInfo(master, taskManagers, total, available, config);
  }

  /** An unknown host name is its own error, not the "connection refused" Java reports. */
  private static void requireKnownHost(String base, String master) {
    String host;
    try {
      host = URI.create(base).getHost();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--flinkMaster=" + master + " is not a host:port " + "address: " + e.getMessage());
    }
    if (host == null) {
      throw new IllegalArgumentException("--flinkMaster=" + master + " is not a host:port address");
    }
    try {
      java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw unreachable(master, "unknown host " + host + " (no address for that name)");
    }
  }

  /**
   * The largest task heap of the cluster's TaskManagers ({@code GET /taskmanagers}, each one's
   * {@code memoryConfiguration.taskHeap}), in bytes; -1 when the cluster does not say.
   */
  public static long largestTaskHeap(String master, FlinkTls tls) {
    try {
      String body = get(client(tls), base(master, tls), "/taskmanagers", master);
      Matcher m = Pattern.compile("\"taskHeap\"\\s*:\\s*(\\d+)").matcher(body);
      long largest = -1;
      while (m.find()) {
        largest = Math.max(largest, Long.parseLong(m.group(1)));
      }
      return largest;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static HttpClient client(FlinkTls tls) {
    return client(tls, CONNECT);
  }

  /**
   * A REST client of the cluster: HTTPS with the client certificate of {@code tls} when not null.
   */
  static HttpClient client(FlinkTls tls, Duration connect) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connect);
    if (tls != null) {
      builder.sslContext(tls.sslContext()).sslParameters(FlinkTls.sslParameters());
    }
    return builder.build();
  }

  /** The REST base URL of {@code master} ({@code host:port} or a URL). */
  static String base(String master, FlinkTls tls) {
    String scheme = tls != null ? "https://" : "http://";
    return master.startsWith("http://") || master.startsWith("https://") ? master : scheme + master;
  }

  private static String get(HttpClient client, String base, String path, String master) {
    HttpResponse<String> response;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(READ).GET().build();
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(master, "no answer to a connection within " + CONNECT.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      throw unreachable(
          master,
          "it accepted a connection but sent no HTTP answer within "
              + READ.toSeconds()
              + " s (is this the REST port, 8081 by default?)");
    } catch (ConnectException e) {
      throw unreachable(master, "connection refused");
    } catch (javax.net.ssl.SSLException e) {
      throw unreachable(
          master,
          "TLS handshake failed ("
              + e.getMessage()
              + "): a cluster "
              + "started with --tls needs --flinkTls=<its tls/client directory>, and that directory "
              + "must be of the running cluster (a restart with --tls makes new certificates)");
    } catch (IOException e) {
      throw unreachable(
          master,
          e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + " (is this Flink's REST port, 8081 by default? A cluster started with --tls needs "
              + "--flinkTls=<its tls/client directory>)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(master, "interrupted");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--flinkMaster=" + master + " is not a host:port " + "address: " + e.getMessage());
    }
    if (response.statusCode() / 100 == 3
        && response
            .headers()
            .firstValue("location")
            .map(l -> l.startsWith("https:"))
            .orElse(false)) {
      throw unreachable(
          master,
          "it answers only over HTTPS with client certificates (a cluster "
              + "started with --tls): give --flinkTls=<its tls/client directory>");
    }
    if (response.statusCode() != 200) {
      throw unreachable(
          master,
          "GET "
              + path
              + " answered HTTP "
              + response.statusCode()
              + " (is this Flink's REST port, 8081 by default?)");
    }
    return response.body();
  }

  private static int number(String json, String field, String master) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    if (!m.find()) {
      throw unreachable(
          master,
          "its /overview has no \"" + field + "\" (is this a Flink 1.19 " + "REST endpoint?)");
    }
    return Integer.parseInt(m.group(1));
  }

  private static IllegalStateException unreachable(String master, String why) {
    return new IllegalStateException(
        "cannot use the Flink cluster at "
            + master
            + ": "
            + why
            + "; check --flinkMaster and that the cluster runs (flink/bin/cluster status)");
  }

  private static String unescape(String s) {
    return s.indexOf('\\') < 0
        ? s
        : s.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\/", "/");
  }
}
