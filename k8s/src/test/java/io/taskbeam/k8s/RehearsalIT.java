package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.taskbeam.testlab.NetnsLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's rendered pods started as real processes, each in its own network namespace, as
 * Kubernetes would start them: the rendered ConfigMap, commands, arguments and environment; the
 * JobManager Service name resolving to the JobManager's address; the shared volume as one
 * directory; the image's files from the build (flink/Dockerfile's COPY lines). All pods start at
 * once, as on Kubernetes; the rendered driver waits for the cluster, runs kmeans to the end and
 * must print its verified result. A Pushgateway (when installed) gets the driver's push.
 *
 * <p>Needs root and iproute2 (CI has both: .ci/run runs as root, install-test-tools installs
 * iproute2); skipped with one line otherwise. Everything it creates (namespaces, veths, hosts
 * files, processes) is removed at the end, also on failure.
 */
class RehearsalIT {
  private static final String RELEASE = "rehearsal";
  private static final String FULLNAME = RELEASE + "-taskbeam";
  private static final long DRIVER_TIMEOUT_SECONDS = 300;
  private static final Pattern STAGING =
      Pattern.compile("staging (\\d+) classpath entries; (\\d+) are on the cluster");

  /**
   * Plain, then with the chart's internal mutual TLS (a keystore made by keytool as a Secret). The
   * TLS run starts the same pods from the same manifests plus the TLS parts, so {@code .ci/run}
   * runs it alone; the plain run (45 s more) runs with {@code -Plong}.
   */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void kmeansRunsFromTheRenderedManifests(boolean tls) throws Exception {
    Assumptions.assumeTrue(
        tls || Boolean.getBoolean("taskbeam.longTests"),
        "the plain rehearsal runs with -Plong (.ci/run rehearses the chart with TLS)");
    String ip = NetnsLab.findIp();
    Assumptions.assumeTrue(
        ip != null,
        "rehearsal skipped: no `ip` command (apt-get install iproute2; "
            + ".ci/install-test-tools installs it)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "rehearsal skipped: network namespaces need root (CI runs as root)");
    String pushgatewayBinary =
        Stream.of("/usr/bin/prometheus-pushgateway", "/usr/local/bin/prometheus-pushgateway")
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElse(null);

    Map<String, Object> values =
        Chart.values(
            "worker.number",
            2,
            "worker.slots",
            1,
            "worker.resources.cpu",
            1,
            "worker.resources.memory",
            "1.5",
            "jobmanager.resources.memory",
            1,
            "app.name",
            "kmeans",
            "app.params.points",
            20000,
            "app.params.fragments",
            4,
            "app.params.k",
            4,
            "app.params.seed",
            7,
            "app.params.maxIterations",
            5,
            "driver.waitSeconds",
            180);
    if (pushgatewayBinary != null) {
      values.put("monitoring.pushgateway.url", "http://pushgateway:9091");
    }
    Path root = Path.of("target", "rehearsal-" + (tls ? "tls" : "plain")).toAbsolutePath();
    deleteRecursively(root);
    Map<String, Map<String, byte[]>> secrets = new LinkedHashMap<>();
    String password = Long.toHexString(new java.security.SecureRandom().nextLong()) + "x";
    if (tls) {
      values.putAll(Chart.values("tls.enabled", true, "tls.secretName", "flink-tls"));
      secrets.put(
          "flink-tls", tlsSecret(Files.createDirectories(root.resolve("keytool")), password));
    }
    Rendered rendered = Chart.render(RELEASE, values);
    Deployment jm = rendered.one(Deployment.class, FULLNAME + "-jobmanager");
    Deployment tm = rendered.one(Deployment.class, FULLNAME + "-taskmanager");
    Job driverJob = rendered.driverJob(FULLNAME);
    String service = rendered.one(Service.class, FULLNAME + "-jobmanager").getMetadata().getName();
    Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
    rendered.all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c));

    Dockerfile docker = Dockerfile.read(Repo.DOCKERFILE);
    Path shared = Files.createDirectories(root.resolve("shared"));
    Map<String, Path> image = imagePaths(docker, shared);
    Path logs = Files.createDirectories(root.resolve("logs"));

    String jmPod = FULLNAME + "-jobmanager-0";
    List<String> tmPods = new ArrayList<>();
    for (int i = 0; i < tm.getSpec().getReplicas(); i++) {
      tmPods.add(FULLNAME + "-taskmanager-" + i);
    }
    String driverPod = FULLNAME + "-driver-0";
    List<Process> processes = new ArrayList<>();
    try (NetnsLab lab = NetnsLab.create(ip)) {
      Map<String, RehearsedPod> pods = new LinkedHashMap<>();
      pods.put(
          jmPod,
          RehearsedPod.of(
              jm.getSpec().getTemplate(),
              jmPod,
              lab.addPod(jmPod),
              root,
              image,
              docker.env(),
              configMaps,
              shared,
              secrets));
      for (String pod : tmPods) {
        pods.put(
            pod,
            RehearsedPod.of(
                tm.getSpec().getTemplate(),
                pod,
                lab.addPod(pod),
                root,
                image,
                docker.env(),
                configMaps,
                shared,
                secrets));
      }
      pods.put(
          driverPod,
          RehearsedPod.of(
              driverJob.getSpec().getTemplate(),
              driverPod,
              lab.addPod(driverPod),
              root,
              image,
              docker.env(),
              configMaps,
              shared,
              secrets));
      Map<String, String> names = new LinkedHashMap<>(Map.of(service, jmPod));
      if (pushgatewayBinary != null) {
        lab.addPod("pushgateway");
        names.put("pushgateway", "pushgateway");
      }
      lab.writeHosts(names);

      if (pushgatewayBinary != null) {
        processes.add(
            new ProcessBuilder(
                    lab.exec(
                        "pushgateway", List.of(pushgatewayBinary, "--web.listen-address=:9091")))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("pushgateway.log").toFile())
                .start());
      }
      Process driver = null;
      Map<String, Process> flinkProcesses = new LinkedHashMap<>();
      for (RehearsedPod pod : pods.values()) {
        Process process = pod.start(lab, logs.resolve(pod.name + ".log"));
        processes.add(process);
        if (pod.name.equals(driverPod)) {
          driver = process;
        } else {
          flinkProcesses.put(pod.name, process);
        }
      }

      // Bounded: the driver's end, or the first Flink process that dies (a pod that would
      // crash-loop).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRIVER_TIMEOUT_SECONDS);
      while (driver.isAlive() && System.nanoTime() < deadline) {
        for (int i = 0; i < processes.size(); i++) {
          assertTrue(
              processes.get(i).isAlive() || processes.get(i) == driver,
              "a pod's process ended before the driver did" + tails(logs));
        }
        driver.waitFor(1, TimeUnit.SECONDS);
      }
      boolean ended = !driver.isAlive();
      // The launcher exec's the JVM: what Kubernetes would signal (the started process) is java.
      flinkProcesses.forEach(
          (pod, process) ->
              assertThat(
                  pod + " runs as the started process",
                  process.info().command().orElse("?"),
                  org.hamcrest.Matchers.endsWith("/bin/java")));
      String driverLog = read(logs.resolve(driverPod + ".log"));
      assertTrue(
          ended, "the driver did not end within " + DRIVER_TIMEOUT_SECONDS + " s" + tails(logs));
      assertEquals(0, driver.exitValue(), "the driver failed" + tails(logs));

      // kmeans' own check against a sequential Lloyd's run from the same initial centroids.
      assertThat(
          driverLog,
          containsString("kmeans: 20000 generated points in 3 dimensions, k=4, 4 fragments"));
      Matcher verify =
          Pattern.compile(
                  "verify: max \\|c - c_ref\\| = \\S+ against a sequential Lloyd's run.*: OK")
              .matcher(driverLog);
      assertTrue(verify.find(), "no verified kmeans result in the driver's output:\n" + driverLog);
      // The image's contract: the driver shipped only what the cluster lacks.
      Matcher staging = STAGING.matcher(driverLog);
      assertTrue(staging.find(), "no staging line in:\n" + driverLog);
      assertThat("entries shipped", Integer.parseInt(staging.group(1)), lessThanOrEqualTo(2));
      assertThat(
          "entries on the cluster",
          Integer.parseInt(staging.group(2)),
          org.hamcrest.Matchers.greaterThan(100));
      assertThat(
          driverLog,
          containsString(
              "runner: Flink cluster at "
                  + service
                  + ":8081 (2 TaskManagers, "
                  + "2 of 2 slots free), parallelism 2"));

      // Each TaskManager registered under its pod name, from its pod address, on the rendered rpc
      // port.
      // With TLS the RPC addresses are pekko.ssl.tcp.
      String jmLog = read(logs.resolve(jmPod + ".log"));
      for (String pod : tmPods) {
        assertThat(
            jmLog,
            containsString(
                "Registering TaskManager with ResourceID "
                    + pod
                    + " (pekko"
                    + (tls ? ".ssl" : "")
                    + ".tcp://flink@"
                    + lab.addressOf(pod)
                    + ":6122/"));
      }
      if (tls) {
        // The passwords reach Flink only in the launcher's private copy of the config.
        Path written = root.resolve(jmPod).resolve("volumes/tmp/flink-conf/config.yaml");
        assertThat(
            Files.readString(written),
            containsString("security.ssl.internal.keystore-password: " + password));
        assertEquals(
            "rw-------",
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(written)));
        assertTrue(
            configMaps.values().stream().noneMatch(c -> c.getData().toString().contains(password)));
      }
      // Results and the report on the shared volume.
      Path runs = shared.resolve("runs");
      try (Stream<Path> dirs = Files.list(runs)) {
        Path run =
            dirs.filter(d -> d.getFileName().toString().startsWith("kmeans_"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no kmeans run directory in " + runs));
        assertTrue(Files.size(run.resolve("report.html")) > 1000, "report.html in " + run);
        assertTrue(Files.isRegularFile(run.resolve("run.log")));
      }
      assertTrue(
          Files.isDirectory(shared.resolve("taskbeam-work")),
          "the work directory is on the shared volume");

      if (pushgatewayBinary != null) {
        Path classes =
            Path.of(HttpGet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String metrics =
            NetnsLab.output(
                lab.exec(
                    "pushgateway",
                    List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classes.toString(),
                        HttpGet.class.getName(),
                        "http://127.0.0.1:9091/metrics")));
        assertTrue(
            Pattern.compile("(?m)^taskbeam_run_seconds\\{app=\"kmeans\".*\\} \\d")
                .matcher(metrics)
                .find(),
            "the Pushgateway has no taskbeam_run_seconds for kmeans:\n"
                + metrics.lines().filter(l -> l.startsWith("taskbeam")).toList());
      }
    } finally {
      RehearsalIT.stopAll(processes);
    }
  }

  /**
   * The image's paths and the shared volume's: its mount path also names it in the JobManager's
   * config (the run directory, which the JobManager publishes to the driver), and the JobManager
   * does not mount it.
   */
  static Map<String, Path> imagePaths(Dockerfile docker, Path shared) {
    Map<String, Path> image = new LinkedHashMap<>(docker.pathMapping(Repo.ROOT));
    image.put("/shared", shared);
    return image;
  }

  /**
   * A PKCS12 keystore (also the truststore: every process trusts the one certificate) and its
   * passwords.
   */
  private static Map<String, byte[]> tlsSecret(Path dir, String password) throws Exception {
    Path store = dir.resolve("internal.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "flink.internal",
                "-dname",
                "CN=flink.internal",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                password)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
        "keytool failed: " + output);
    byte[] bytes = Files.readAllBytes(store);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    return Map.of(
        "keystore.jks",
        bytes,
        "truststore.jks",
        bytes,
        "keystore-password",
        secret,
        "truststore-password",
        secret);
  }

  static String tails(Path logs) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path log : files.sorted().toList()) {
        List<String> lines = read(log).lines().toList();
        out.append("\n--- ").append(log.getFileName()).append(" (last 25 lines) ---\n");
        lines
            .subList(Math.max(0, lines.size() - 25), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      }
    }
    return out.toString();
  }

  /** SIGTERM to every process, then SIGKILL to those still running 10 s later. */
  static void stopAll(List<Process> processes) throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
