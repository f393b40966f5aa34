package io.taskbeam.pipelines.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real Prometheus (Debian package) scraping the given targets every 100 ms. */
final class Prometheus extends LocalService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Prometheus(List<String> command, int port, Path log) throws Exception {
    super(command, port, log, "/-/ready");
  }

  /**
   * Starts Prometheus with one scrape job per entry: job name to {@code host:port} targets; a job
   * named {@code pushgateway} keeps the pushed labels ({@code honor_labels}).
   */
  static Prometheus start(Path dir, Map<String, List<String>> jobs) throws Exception {
    Path exe = DebianTool.require("prometheus", "prometheus");
    StringBuilder config =
        new StringBuilder(
            "global:\n  scrape_interval: 100ms\n" + "  scrape_timeout: 90ms\nscrape_configs:\n");
    jobs.forEach(
        (job, targets) -> {
          config.append("  - job_name: ").append(job).append('\n');
          if (job.equals("pushgateway")) {
            config.append("    honor_labels: true\n");
          }
          config.append("    static_configs:\n      - targets: [");
          List<String> quoted = new ArrayList<>();
          targets.forEach(t -> quoted.add("'" + t + "'"));
          config.append(String.join(", ", quoted)).append("]\n");
        });
    Files.createDirectories(dir);
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config.toString());
    int port = freePort();
    return new Prometheus(
        List.of(
            exe.toString(),
            "--config.file=" + file,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port),
        port,
        dir.resolve("prometheus.log"));
  }

  /** An instant query's result: one entry per series, labels to value. */
  List<Map.Entry<Map<String, String>, Double>> query(String promql) throws Exception {
    String body =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
    JsonNode json = JSON.readTree(body);
    if (!"success".equals(json.get("status").asText())) {
      throw new IllegalStateException("query " + promql + " failed: " + body);
    }
    List<Map.Entry<Map<String, String>, Double>> series = new ArrayList<>();
    for (JsonNode r : json.get("data").get("result")) {
      Map<String, String> labels = new TreeMap<>();
      r.get("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      series.add(Map.entry(labels, Double.parseDouble(r.get("value").get(1).asText())));
    }
    return series;
  }

  /** Polls {@code promql} until {@code done} holds for its result (or the timeout passes). */
  List<Map.Entry<Map<String, String>, Double>> await(
      String promql, Predicate<List<Map.Entry<Map<String, String>, Double>>> done, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Map.Entry<Map<String, String>, Double>> last = query(promql);
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      last = query(promql);
    }
    return last;
  }

  /** Scrape health per target: {@code instance} to {@code up} (1 when the last scrape worked). */
  Map<String, Double> up() throws Exception {
    Map<String, Double> up = new TreeMap<>();
    for (Map.Entry<Map<String, String>, Double> s : query("up")) {
      up.put(s.getKey().get("instance"), s.getValue());
    }
    return up;
  }
}
