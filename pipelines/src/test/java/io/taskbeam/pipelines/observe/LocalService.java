package io.taskbeam.pipelines.observe;

import io.taskbeam.flink.cluster.ClusterPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server program a test starts on a free loopback port and stops by its own process (never by
 * name): Prometheus or the Pushgateway. Its output goes to a log file in the test's folder.
 */
class LocalService implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private final Path log;
  final int port;

  LocalService(List<String> command, int port, Path log, String readyPath) throws Exception {
    this.port = port;
    this.log = log;
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            command.get(0) + " exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        if (get(readyPath).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException(
            command.get(0) + " not ready in 60 s: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Below the ephemeral range: no outgoing connection takes it before the server binds. */
  static int freePort() throws IOException {
    return ClusterPorts.freeLoopbackPorts(1)[0];
  }
}
