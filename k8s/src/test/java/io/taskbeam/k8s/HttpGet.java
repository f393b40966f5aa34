package io.taskbeam.k8s;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET url}, body to stdout: run with {@code ip netns exec} to read an endpoint that only
 * exists inside a test network namespace.
 */
public final class HttpGet {
  private HttpGet() {}

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(args[0]))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.print(response.body());
    System.exit(response.statusCode() == 200 ? 0 : 1);
  }
}
