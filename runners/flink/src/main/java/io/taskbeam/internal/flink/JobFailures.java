package io.taskbeam.internal.flink;

import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.SerializedThrowable;

/**
 * What {@link ClusterTarget} needs beyond Flink's client to end a failed or lost job with the
 * failing task's own message.
 *
 * <p><b>A failed job's cause.</b> Flink 1.19's client reads a job's failure from {@code
 * /jobs/<id>/execution-result} and deserializes it with the <em>system</em> class loader ({@code
 * SerializedThrowableDeserializer}). Under {@code mvn exec:java} that loader is Maven's, which
 * lacks Flink: every attempt logs a {@code ClassNotFoundException: SerializedThrowable} with the
 * whole base64 answer, is retried, and the program ends with "SerializedThrowable" instead of the
 * task's message. Here the same answer is fetched with Java's HTTP client and deserialized with the
 * program's class loader, which has the application's exception classes too. The bytes come from
 * the cluster the driver submitted to (over TLS with a client certificate when the cluster has
 * one), as with Flink's own client.
 *
 * <p><b>A lost JobManager.</b> Flink's client retries a status request on connection errors ({@code
 * rest.retry.max-attempts} 20 times {@code rest.retry.delay} 3 s by default, a minute); {@link
 * #CLIENT_SETTINGS} lower that to {@link #RETRIES} attempts {@link #RETRY_DELAY} apart, so a dead
 * JobManager is reported within about {@link #LOSS_BOUND} as one line naming its address.
 */
public final class JobFailures {
  static final int RETRIES = 3;
  static final Duration RETRY_DELAY = Duration.ofMillis(500);

  /** Upper bound from the JobManager's death to the error (retries, connect timeouts, polls). */
  public static final Duration LOSS_BOUND = Duration.ofSeconds(10);

  /** Settings for Flink's REST client in the session's config. */
  static final Map<String, String> CLIENT_SETTINGS =
      Map.of(
          "rest.retry.max-attempts", Integer.toString(RETRIES),
          "rest.retry.delay", Long.toString(RETRY_DELAY.toMillis()),
          "rest.connection-timeout", "3000"); // milliseconds (plain longs in 1.19)

  private static final Pattern SERIALIZED =
      Pattern.compile("\"serialized-throwable\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");
  private static final Pattern STACK =
      Pattern.compile("\"stack-trace\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The cluster the last remote session in this JVM submits to. */
  private static volatile Target target;

  private record Target(String master, FlinkTls tls) {}

  private JobFailures() {}

  /** Called by {@link FlinkSetup} for a remote cluster. */
  static void register(String master, FlinkTls tls) {
    target = new Target(master, tls);
  }

  /** A status call of Flink's client. */
  @FunctionalInterface
  interface StatusCall {
    JobStatus get() throws Exception;
  }

  /**
   * The job's status; a JobManager that no longer answers becomes one line naming its address and
   * what to check.
   */
  static JobStatus status(StatusCall call) throws InterruptedException {
    try {
      return call.get();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      Target t = target;
      String at = t == null ? "" : " at " + t.master();
      throw new JobManagerLost(
          "lost the Flink JobManager"
              + at
              + " while the job ran ("
              + rootMessage(e)
              + "); check that the cluster runs (flink/bin/cluster status) and the "
              + "end of its JobManager log (flink/run/log/jobmanager.log)");
    }
  }

  /**
   * The JobManager stopped answering: {@link ClusterTarget} waits for it when the cluster is
   * supervised, or ends the program with this one line.
   */
  static final class JobManagerLost extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    JobManagerLost(String message) {
      super(message);
    }
  }

  /** The address of the cluster the session submits to, as the user gave it, or null. */
  static String master() {
    Target t = target;
    return t == null ? null : t.master();
  }

  /** The failure of job {@code id} as the task threw it, or a stand-in naming the job. */
  static Throwable cause(JobID id) {
    Target t = target;
    if (t == null) {
      return new IllegalStateException("the Flink job " + id + " failed");
    }
    String body;
    try {
      body = get(t, "/jobs/" + id + "/execution-result");
    } catch (IOException e) {
      return new IllegalStateException(
          "the Flink job "
              + id
              + " failed, and its failure could "
              + "not be read from "
              + t.master()
              + " ("
              + e.getMessage()
              + "); see the JobManager's log");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted while reading the failure of Flink job " + id);
    }
    Matcher m = SERIALIZED.matcher(body);
    if (m.find()) {
      try {
        ClassLoader loader = userLoader();
        Object thrown =
            InstantiationUtil.deserializeObject(Base64.getDecoder().decode(m.group(1)), loader);
        if (thrown instanceof SerializedThrowable serialized) {
          return serialized.deserializeError(loader);
        }
        if (thrown instanceof Throwable throwable) {
          return throwable;
        }
      } catch (IOException | ClassNotFoundException | RuntimeException e) {
        // fall back to the text below
      }
    }
    Matcher s = STACK.matcher(body);
    String first =
        s.find()
            ? s.group(1).replace("\\n", "\n").replace("\\t", "\t").lines().findFirst().orElse("")
            : "";
    return new IllegalStateException("the Flink job " + id + " failed: " + first);
  }

  private static String get(Target t, String path) throws IOException, InterruptedException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
    if (t.tls() != null) {
      builder.sslContext(t.tls().sslContext()).sslParameters(FlinkTls.sslParameters());
    }
    String base =
        t.master().startsWith("http://") || t.master().startsWith("https://")
            ? t.master()
            : (t.tls() != null ? "https://" : "http://") + t.master();
    HttpResponse<String> response =
        builder
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static ClassLoader userLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : JobFailures.class.getClassLoader();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + message;
  }
}
