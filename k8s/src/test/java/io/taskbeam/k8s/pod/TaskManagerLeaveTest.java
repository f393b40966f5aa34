package io.taskbeam.k8s.pod;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.taskbeam.flink.cluster.TaskManagerDrain;
import io.taskbeam.flink.spi.WorkerLeaving;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskbeam-pod leave}, the TaskManager's preStop hook, against a stand-in JobManager REST
 * API: what it marks, what it waits for, its one line, and that it leaves the mark for the driver
 * (the drain itself with real processes is ScalingRehearsalIT's part). Also the driver's worker
 * count from the ConfigMap's file.
 */
class TaskManagerLeaveTest {
  private static final String TM = "rel-taskbeam-taskmanager-7d9f-abcde";

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger freeSlots = new AtomicInteger(1);
  private Path runDir;
  private Path conf;

  @BeforeEach
  void jobManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    respond("/overview", () -> "{\"taskmanagers\":1}");
    respond("/taskmanagers", () -> "{\"taskmanagers\":[{\"id\":\"" + TM + "\"}]}");
    respond(
        "/taskmanagers/" + TM,
        () -> "{\"id\":\"" + TM + "\",\"slotsNumber\":1,\"freeSlots\":" + freeSlots.get() + "}");
    server.start();
    runDir = dir.resolve("shared/cluster");
    conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("config.yaml"),
        "rest.address: 127.0.0.1\nrest.port: "
            + server.getAddress().getPort()
            + "\ntaskbeam.cluster.run-dir: "
            + runDir
            + "\n");
  }

  @AfterEach
  void stop() {
    server.stop(0); // again after a test stopped it: a no-op
  }

  @Test
  void drainsAnIdleTaskManagerAndLeavesTheMarkForTheDriver() {
    WorkerLeaving.write(WorkerLeaving.marker(runDir, "gone-before"), "an earlier leave");
    String line = leave(TM, "--timeoutSeconds=5");
    assertThat(
        line,
        matchesPattern(
            "taskbeam-pod: "
                + TM
                + " drained in \\d+\\.\\d s \\(0 driver\\(s\\) held their next job; no task was"
                + " running on it\\); Kubernetes stops it now"));
    assertEquals(
        List.of(TM), WorkerLeaving.leaving(runDir), "the earlier mark is gone, ours stays");
  }

  @Test
  void aDriverThatDoesNotAnswerOrBusySlotsEndTheDrainAtItsBound() {
    String driver = WorkerLeaving.register(runDir); // this JVM, alive: it never answers
    freeSlots.set(0);
    String line = leave(TM, "--timeoutSeconds=1");
    assertEquals(
        "taskbeam-pod: "
            + TM
            + " not drained within 1 s (no answer from driver(s) "
            + driver
            + "): stopped anyway; Flink restarts the jobs it ran; Kubernetes stops it now",
        line);
    WorkerLeaving.write(WorkerLeaving.ack(runDir, TM, driver), "no job in flight");
    assertThat(
        leave(TM, "--timeoutSeconds=1"),
        matchesPattern(".* not drained within 1 s \\(it still ran tasks\\).*"));
  }

  /** {@code helm uninstall}: the JobManager goes away during the drain, which then ends at once. */
  @Test
  void aJobManagerThatStopsAnsweringEndsTheDrain() throws Exception {
    WorkerLeaving.register(runDir); // this JVM: it never answers, the drain would wait 30 s
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              server.stop(0);
            });
    long start = System.nanoTime();
    stopper.start();
    String line =
        TaskManagerDrain.of(runDir, "http://127.0.0.1:" + server.getAddress().getPort())
            .drainForStop(TM, Duration.ofSeconds(30), Duration.ofSeconds(1));
    stopper.join();
    assertEquals(
        TM + " not drained: the JobManager stopped answering (the cluster is going away)", line);
    assertThat((System.nanoTime() - start) / 1e9, lessThan(10.0));
  }

  @Test
  void aTaskManagerFlinkDoesNotListHasNothingToDrain() {
    assertEquals(
        "taskbeam-pod: other-pod is not registered with the JobManager: nothing to drain;"
            + " Kubernetes stops it now",
        leave("other-pod", "--timeoutSeconds=1"));
    assertEquals(List.of(), WorkerLeaving.leaving(runDir));
  }

  @Test
  void badHookInvocationsEndWithOneLine() throws IOException {
    assertEquals(
        "taskbeam-pod: error: no TaskManager name: set --name or POD_NAME (the chart sets it from"
            + " metadata.name)",
        fail(Map.of(), "leave", "--lib=" + dir, "--config=" + conf, "--timeoutSeconds=5"));
    assertEquals(
        "taskbeam-pod: error: --timeoutSeconds=0 must be a positive whole number",
        fail(
            Map.of("POD_NAME", TM),
            "leave",
            "--lib=" + dir,
            "--config=" + conf,
            "--timeoutSeconds=0"));
    server.stop(0);
    assertThat(
        fail(
            Map.of("POD_NAME", TM),
            "leave",
            "--lib=" + dir,
            "--config=" + conf,
            "--timeoutSeconds=2"),
        matchesPattern(
            "taskbeam-pod: error: the JobManager of .* does not answer at http://127.0.0.1:\\d+"
                + " \\(for 2 s\\); "
                + TM
                + " stops without a drain"));
  }

  @Test
  void theDriverReadsTheWorkerNumberFromTheConfigMapFile() throws IOException {
    Path file = Files.writeString(dir.resolve("worker-number"), "x\n");
    assertEquals(
        "taskbeam-pod: error: --taskmanagersFile="
            + file
            + " holds 'x', not a positive whole number",
        fail(
            Map.of(),
            "driver",
            "--lib=" + dir,
            "--appDir=" + dir,
            "--jobmanager=x:8081",
            "--taskmanagersFile=" + file,
            "--waitSeconds=1",
            "--app=kmeans"));
    assertEquals(
        "taskbeam-pod: error: give one of --taskmanagers and --taskmanagersFile",
        fail(
            Map.of(),
            "driver",
            "--lib=" + dir,
            "--appDir=" + dir,
            "--jobmanager=x:8081",
            "--taskmanagers=2",
            "--taskmanagersFile=" + file,
            "--waitSeconds=1",
            "--app=kmeans"));
  }

  @Test
  void theDriverClearsRegistrationsOfEarlierDriverPods() {
    WorkerLeaving.write(WorkerLeaving.driversDir(runDir).resolve("1-dead"), "1@old-driver-pod");
    DriverProcess.prepareRunDir(runDir.toString());
    assertEquals(List.of(), WorkerLeaving.drivers(runDir));
    assertTrue(Files.isDirectory(WorkerLeaving.driversDir(runDir)));
  }

  /** Runs the hook as the chart does (POD_NAME from the downward API); returns its one line. */
  private String leave(String pod, String timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        PodLauncher.run(
            new String[] {"leave", "--lib=" + dir, "--config=" + conf, timeout},
            new PrintStream(out),
            new PrintStream(err),
            Map.of("POD_NAME", pod));
    String line = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, line);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no command: the script ends");
    assertEquals(1, line.lines().count(), line);
    return line.strip();
  }

  private String fail(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(1, PodLauncher.run(args, new PrintStream(out), new PrintStream(err), env));
    assertFalse(out.size() > 0, "nothing to run on stdout");
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, message.lines().count(), message);
    return message.strip();
  }

  private void respond(String path, java.util.function.Supplier<String> body) {
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }
}
