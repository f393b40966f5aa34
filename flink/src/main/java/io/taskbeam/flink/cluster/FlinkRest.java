package io.taskbeam.flink.cluster;

import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few read-only REST calls the launcher needs, with short timeouts so a dead or starting
 * cluster never blocks a poll.
 *
 * <p>The responses read here are small and flat ({@code /overview}) or need one field per list item
 * ({@code /taskmanagers} ids), so a regular expression does, and the launcher stays free of a JSON
 * library (it runs with nothing but the JDK on its classpath).
 */
final class FlinkRest {
  private static final Pattern TASKMANAGER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");

  private final String baseUrl;
  private final Path tlsClientDir;
  private HttpClient client;

  /**
   * @param baseUrl {@code http://host:port}, or {@code https://...} for a cluster with REST TLS
   * @param tlsClientDir client credentials ({@link FlinkTls}) for REST TLS, or null; read at the
   *     first call, since a starting cluster makes them just before
   */
  FlinkRest(String baseUrl, Path tlsClientDir) {
    this.baseUrl = baseUrl;
    this.tlsClientDir = tlsClientDir;
  }

  /** The URL the paths are relative to. */
  String baseUrl() {
    return baseUrl;
  }

  private synchronized HttpClient client() {
    if (client == null) {
      HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
      if (tlsClientDir != null) {
        builder
            .sslContext(FlinkTls.load(tlsClientDir).sslContext())
            .sslParameters(FlinkTls.sslParameters());
      }
      client = builder.build();
    }
    return client;
  }

  /** The body of a 200 response to {@code GET path}, or empty if unreachable or not 200. */
  Optional<String> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(3))
            .GET()
            .build();
    try {
      HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The integer value of a top-level field, e.g. {@code "slots-total":2}. */
  static OptionalLong number(String json, String field) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** The resource ids in a {@code /taskmanagers} response (only its list items have an "id"). */
  static List<String> taskManagerIds(String json) {
    List<String> ids = new ArrayList<>();
    Matcher m = TASKMANAGER_ID.matcher(json);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
