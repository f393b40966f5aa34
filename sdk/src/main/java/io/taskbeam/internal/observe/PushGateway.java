package io.taskbeam.internal.observe;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pushes a run's final metrics to a Prometheus Pushgateway, grouped as {@code job="taskbeam",
 * app="<app>"}: each push replaces the app's previous one, so the gateway holds the latest run of
 * every app (as COMPSs' {@code matmul_total_time}).
 */
public final class PushGateway {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final URI base;

  private PushGateway(URI base) {
    this.base = base;
  }

  /** Checks the URL up front, so a typo fails at the start, not after the run. */
  public static PushGateway of(String url) {
    String problem = null;
    URI uri = null;
    try {
      uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        problem = "it is not an http(s)://host:port address";
      }
    } catch (URISyntaxException e) {
      problem = e.getReason();
    }
    if (problem == null) {
      try {
        java.net.InetAddress.getByName(uri.getHost());
      } catch (java.net.UnknownHostException e) {
        problem = "unknown host " + uri.getHost() + " (no address for that name)";
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "--pushgateway="
              + url
              + ": "
              + problem
              + "; give the gateway's address, e.g. http://127.0.0.1:9091");
    }
    return new PushGateway(uri);
  }

  /** The group's URL: {@code <base>/metrics/job/taskbeam/app/<app>}. */
  public URI groupUri(String app) {
    return URI.create(
        base
            + "/metrics/job/taskbeam/app/"
            + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** Replaces the app's group with {@code body}; throws with the gateway's answer on failure. */
  public void push(String app, String body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(groupUri(app))
            .timeout(TIMEOUT)
            .header("Content-Type", MetricsServer.CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + ": " + response.body().strip());
    }
  }
}
