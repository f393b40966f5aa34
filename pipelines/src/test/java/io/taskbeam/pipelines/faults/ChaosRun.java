package io.taskbeam.pipelines.faults;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills a busy TaskManager of {@code cluster} with SIGKILL once a job has run for {@code after}, on
 * a thread of its own, while the test runs its program on the calling thread.
 */
final class ChaosRun implements AutoCloseable {
  private static final Pattern TASK_MANAGER =
      Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"freeSlots\"\\s*:\\s*(\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final CompletableFuture<Long> killedAt;
  private volatile boolean closed;

  private ChaosRun(
      LocalFlinkCluster cluster, Duration after, BooleanSupplier progress, Duration bound) {
    killedAt = CompletableFuture.supplyAsync(() -> killWhenBusy(cluster, after, progress, bound));
  }

  /** Starts watching: the kill happens once a job has been RUNNING for {@code after}. */
  static ChaosRun start(LocalFlinkCluster cluster, Duration after) {
    return start(cluster, after, () -> true);
  }

  /** As above, once {@code progress} also holds (e.g. some of the job's work is done). */
  static ChaosRun start(LocalFlinkCluster cluster, Duration after, BooleanSupplier progress) {
    return new ChaosRun(cluster, after, progress, Duration.ofSeconds(120));
  }

  /**
   * When the TaskManager was killed (System.nanoTime); after {@link #close}, fails at once if no
   * job ran long enough to be hit.
   */
  long killedAtNanos() throws Exception {
    try {
      return killedAt.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e.getCause().getMessage(), e.getCause());
    }
  }

  private long killWhenBusy(
      LocalFlinkCluster cluster, Duration after, BooleanSupplier progress, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    long runningSince = -1;
    try {
      while (!closed && System.nanoTime() < deadline) {
        boolean running = get(cluster, "/jobs/overview").contains("\"state\":\"RUNNING\"");
        long now = System.nanoTime();
        if (!running) {
          runningSince = -1;
        } else if (runningSince < 0) {
          runningSince = now;
        } else if (now - runningSince >= after.toNanos() && progress.getAsBoolean()) {
          Map<String, Long> pids = cluster.runningPids();
          for (String name : busyTaskManagers(cluster)) {
            Long pid = pids.get(name);
            if (pid != null) {
              ProcessHandle.of(pid).orElseThrow().destroyForcibly();
              return System.nanoTime();
            }
          }
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "no job ran "
            + after.toMillis()
            + " ms with a busy TaskManager and the progress awaited: none was killed mid-job");
  }

  /** The cluster's jobs in state RUNNING now (those waiting for slots included). */
  static int runningJobs(LocalFlinkCluster cluster) {
    try {
      Matcher m = Pattern.compile("\"state\":\"RUNNING\"").matcher(get(cluster, "/jobs/overview"));
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** TaskManagers with no free slot, i.e. running a task. */
  private static List<String> busyTaskManagers(LocalFlinkCluster cluster)
      throws InterruptedException {
    List<String> busy = new ArrayList<>();
    Matcher m = TASK_MANAGER.matcher(get(cluster, "/taskmanagers"));
    while (m.find()) {
      if (Integer.parseInt(m.group(2)) == 0) {
        busy.add(m.group(1));
      }
    }
    return busy;
  }

  private static String get(LocalFlinkCluster cluster, String path) throws InterruptedException {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(cluster.restUrl() + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
