package io.taskbeam.pipelines.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A GET of a Flink REST path for the fault tests: the body, or "" when nothing answered in 3 s. */
final class RestGet {
  private RestGet() {}

  static String body(String restUrl, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(restUrl + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return ""; // a JobManager that is down or restarting: the caller polls again
    }
  }
}
