package io.taskbeam.pipelines.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** The Flink REST calls the cluster tests read results from. */
final class FlinkRestClient {
  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  FlinkRestClient(String base) {
    this.base = base;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return json.readTree(r.body());
  }

  int freeSlots() throws IOException, InterruptedException {
    return get("/overview").get("slots-available").asInt();
  }

  /** The id of the job that started last. */
  String latestJob() throws IOException, InterruptedException {
    String id = null;
    long latest = -1;
    for (JsonNode job : get("/jobs/overview").get("jobs")) {
      if (job.get("start-time").asLong() > latest) {
        latest = job.get("start-time").asLong();
        id = job.get("jid").asText();
      }
    }
    return id;
  }

  String jobState(String job) throws IOException, InterruptedException {
    return get("/jobs/" + job).get("state").asText();
  }

  /** Vertices whose name contains {@code part}, and which group their input (a stage's body). */
  List<String> vertexIds(String job, String part) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode v : get("/jobs/" + job).get("vertices")) {
      String name = v.get("name").asText();
      if (name.contains(part) && name.contains("GroupReduce")) {
        ids.add(v.get("id").asText());
      }
    }
    return ids;
  }

  /** The TaskManagers whose subtask of {@code vertex} received at least one record. */
  Set<String> taskManagersWithInput(String job, String vertex)
      throws IOException, InterruptedException {
    Set<String> tms = new HashSet<>();
    for (JsonNode subtask : get("/jobs/" + job + "/vertices/" + vertex).get("subtasks")) {
      if (subtask.get("metrics").get("read-records").asLong() > 0) {
        tms.add(subtask.get("taskmanager-id").asText());
      }
    }
    return tms;
  }
}
