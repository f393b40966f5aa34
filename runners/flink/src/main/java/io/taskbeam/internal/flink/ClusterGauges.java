package io.taskbeam.internal.flink;

import io.taskbeam.flink.spi.FlinkTls;
import io.taskbeam.spi.WorkerGauges;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TaskManagers of a Flink session cluster, sampled over its REST API for the dashboard's
 * workers panel: {@code GET /taskmanagers} (each one's id, host, slots and free slots) and, per
 * TaskManager, {@code GET /taskmanagers/<id>/metrics?get=}{@value #METRICS}. Flink's REST serves
 * the metrics its JobManager fetched last ({@code metrics.fetcher.update-interval}, 10 s by
 * default), so the values can be that old. Every call is bounded; a cluster that does not answer
 * gives no sample this time.
 */
final class ClusterGauges implements WorkerGauges {
  static final String CPU = "Status.JVM.CPU.Load";
  static final String HEAP_USED = "Status.JVM.Memory.Heap.Used";
  static final String HEAP_MAX = "Status.JVM.Memory.Heap.Max";
  static final String METRICS = CPU + "," + HEAP_USED + "," + HEAP_MAX;

  /** TaskManagers sampled; the dashboard keeps no more worker rows than that. */
  static final int TASK_MANAGER_LIMIT = 256;

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern METRIC =
      Pattern.compile(
          "\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]*)\"\\s*}");

  /** A TaskManager as {@code /taskmanagers} lists it. */
  record TaskManager(String id, String host, int slots, int freeSlots) {}

  private final HttpClient client;
  private final String base;

  /**
   * The cluster whose REST endpoint is {@code master} ({@code host:port}), over HTTPS with the
   * client certificate of {@code tls} when it is not null.
   */
  ClusterGauges(String master, FlinkTls tls) {
    this.client = ClusterProbe.client(tls, TIMEOUT);
    this.base = ClusterProbe.base(master, tls);
  }

  /**
   * The TaskManagers now, their metrics asked all at once (one round trip however many there are,
   * up to {@value #TASK_MANAGER_LIMIT}).
   */
  @Override
  public List<Sample> sample() {
    String listing = body(send("/taskmanagers"));
    if (listing == null) {
      return List.of();
    }
    List<TaskManager> tms = taskManagers(listing);
    tms = tms.subList(0, Math.min(tms.size(), TASK_MANAGER_LIMIT));
    List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
    for (TaskManager tm : tms) {
      asked.add(
          send(
              "/taskmanagers/"
                  + URLEncoder.encode(tm.id(), StandardCharsets.UTF_8)
                  + "/metrics?get="
                  + METRICS));
    }
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < tms.size(); i++) {
      String metrics = body(asked.get(i));
      out.add(sample(tms.get(i), metrics == null ? "[]" : metrics));
    }
    return out;
  }

  /** The TaskManagers in a {@code /taskmanagers} answer. */
  static List<TaskManager> taskManagers(String json) {
    List<TaskManager> out = new ArrayList<>();
    Matcher m = ID.matcher(json);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : json.length();
      String entry = json.substring(spans.get(i)[0], end);
      Matcher id = ID.matcher(entry);
      id.find();
      out.add(
          new TaskManager(
              id.group(1),
              host(text(entry, "path")),
              number(entry, "slotsNumber"),
              number(entry, "freeSlots")));
    }
    return out;
  }

  /** One TaskManager's sample from its {@code /metrics?get=} answer (missing metrics: -1). */
  static Sample sample(TaskManager tm, String metricsJson) {
    double cpu = -1;
    long heapUsed = -1;
    long heapMax = -1;
    Matcher m = METRIC.matcher(metricsJson);
    while (m.find()) {
      try {
        switch (m.group(1)) {
          case CPU -> cpu = Double.parseDouble(m.group(2));
          case HEAP_USED -> heapUsed = (long) Double.parseDouble(m.group(2));
          case HEAP_MAX -> heapMax = (long) Double.parseDouble(m.group(2));
          default -> {
            // not asked for
          }
        }
      } catch (NumberFormatException notANumber) {
        // left unknown
      }
    }
    int busy = tm.slots() < 0 || tm.freeSlots() < 0 ? -1 : tm.slots() - tm.freeSlots();
    return new Sample(tm.id(), tm.host(), cpu, heapUsed, heapMax, tm.slots(), busy);
  }

  /** The host in an RPC path such as {@code pekko.tcp://flink@10.0.0.5:6122/user/rpc/...}. */
  static String host(String path) {
    if (path == null) {
      return null;
    }
    int at = path.indexOf('@');
    int colon = path.indexOf(':', at + 1);
    return at < 0 || colon < 0 ? null : path.substring(at + 1, colon);
  }

  private static String text(String json, String field) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static int number(String json, String field) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Asks for {@code path}; null when it is not a valid address. */
  private CompletableFuture<HttpResponse<String>> send(String path) {
    try {
      return client.sendAsync(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The body of a 200 answer, or null (no answer in time, another status, an error). */
  private static String body(CompletableFuture<HttpResponse<String>> answer) {
    if (answer == null) {
      return null;
    }
    try {
      HttpResponse<String> response = answer.get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return response.statusCode() == 200 ? response.body() : null;
    } catch (ExecutionException | TimeoutException e) {
      answer.cancel(true);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
