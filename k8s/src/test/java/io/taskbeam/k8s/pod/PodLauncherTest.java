package io.taskbeam.k8s.pod;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.taskbeam.flink.cluster.FlinkConfig;
import io.taskbeam.flink.spi.ClusterContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod launcher's own logic: its error lines, the config it writes (contract, TLS passwords, pod
 * address), the driver's wait and command. Starting real Flink JVMs with its commands is
 * RehearsalIT's part.
 */
class PodLauncherTest {
  @TempDir Path dir;

  @Test
  void badInvocationsEndWithOneLine() {
    assertEquals(
        "taskbeam-pod: error: unknown role 'worker': use jobmanager, taskmanager, driver or leave",
        fail("worker", "--lib=" + dir));
    assertEquals(
        "taskbeam-pod: error: --configDir is required",
        fail("jobmanager", "--lib=" + dir, "--config=" + dir));
    assertEquals(
        "taskbeam-pod: error: unknown option --slots",
        fail(
            "taskmanager",
            "--lib=" + dir,
            "--config=" + dir,
            "--configDir=" + dir.resolve("c"),
            "--slots=2"));
    assertEquals(
        "taskbeam-pod: error: --lib=/no/such/dir is not a directory",
        fail("jobmanager", "--lib=/no/such/dir"));
    assertEquals(
        "taskbeam-pod: error: give exactly one of --app=NAME and --mainClass=CLASS",
        fail(
            "driver",
            "--lib=" + dir,
            "--appDir=" + dir,
            "--jobmanager=x:8081",
            "--taskmanagers=1",
            "--waitSeconds=1",
            "--app=kmeans",
            "--mainClass=a.B"));
    assertEquals(
        "taskbeam-pod: error: --taskmanagers=0 must be a positive whole number",
        fail(
            "driver",
            "--lib=" + dir,
            "--appDir=" + dir,
            "--jobmanager=x:8081",
            "--taskmanagers=0",
            "--waitSeconds=1",
            "--app=kmeans"));
    assertEquals(
        "taskbeam-pod: error: no Flink config at "
            + dir.resolve("config.yaml")
            + " (the chart's ConfigMap is mounted there)",
        fail("jobmanager", "--lib=" + dir, "--config=" + dir, "--configDir=" + dir.resolve("c")));
  }

  @Test
  void jobManagerPublishesTheImageContract() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path sdk = jar(lib.resolve("taskbeam-sdk-1.jar"), ClusterContract.SDK_MARKER);
    jar(lib.resolve("beam-sdks-java-core-2.70.0.jar"), "org/apache/beam/X.class");
    jar(lib.resolve("ejml-core-0.44.0.jar"), "org/ejml/Y.class");
    Path runner = jar(lib.resolve("taskbeam-flink-1.jar"), "io/taskbeam/internal/flink/Z.class");
    Path conf = config("rest.port: 8081\n");
    FlinkConfig config =
        new FlinkProcess(true, lib, conf, dir.resolve("out"), Map.of()).effectiveConfig();
    assertEquals(
        "beam-sdks-java-core-2.70.0.jar,ejml-core-0.44.0.jar,taskbeam-flink-1.jar",
        config.get(ClusterContract.PROVIDED_JARS));
    assertEquals(ClusterContract.fingerprint(sdk), config.get(ClusterContract.SDK_FINGERPRINT));
    assertEquals(
        ClusterContract.fingerprint(runner) + "," + ClusterContract.fingerprint(sdk),
        config.get(ClusterContract.TASKBEAM_FINGERPRINTS));
    assertEquals("8081", config.get("rest.port"));

    Path noSdk = Files.createDirectories(dir.resolve("nosdk"));
    jar(noSdk.resolve("a.jar"), "a/A.class");
    PodException e =
        assertThrows(
            PodException.class,
            () ->
                new FlinkProcess(true, noSdk, conf, dir.resolve("out"), Map.of())
                    .effectiveConfig());
    assertThat(e.getMessage(), containsString("has no taskbeam SDK jar"));
  }

  @Test
  void taskManagerAdvertisesItsPodAddress() throws IOException {
    FlinkConfig config =
        new FlinkProcess(
                false,
                dir,
                config("rest.port: 8081\n"),
                dir.resolve("out"),
                Map.of("POD_IP", "10.1.2.3"))
            .effectiveConfig();
    assertEquals("10.1.2.3", config.get("taskmanager.host"));
    assertEquals(null, config.get(ClusterContract.PROVIDED_JARS));
  }

  @Test
  void tlsPasswordsComeFromTheEnvironmentIntoAPrivateFile() throws IOException {
    Path keystore = Files.writeString(dir.resolve("keystore.jks"), "k");
    Path truststore = Files.writeString(dir.resolve("truststore.jks"), "t");
    Path conf =
        config(
            "security.ssl.internal.enabled: \"true\"\n"
                + "security.ssl.internal.keystore: "
                + keystore
                + "\n"
                + "security.ssl.internal.truststore: "
                + truststore
                + "\n"
                + "security.ssl.rest.enabled: \"true\"\n"
                + "security.ssl.rest.keystore: "
                + keystore
                + "\n"
                + "security.ssl.rest.truststore: "
                + truststore
                + "\n");
    Path out = dir.resolve("out");
    FlinkProcess process =
        new FlinkProcess(
            false,
            dir,
            conf,
            out,
            Map.of(
                FlinkProcess.KEYSTORE_PASSWORD_ENV,
                "ks-secret",
                FlinkProcess.TRUSTSTORE_PASSWORD_ENV,
                "ts-secret"));
    FlinkConfig config = process.effectiveConfig();
    assertEquals("ks-secret", config.get("security.ssl.internal.keystore-password"));
    assertEquals("ks-secret", config.get("security.ssl.internal.key-password"));
    assertEquals("ts-secret", config.get("security.ssl.internal.truststore-password"));
    assertEquals("ks-secret", config.get("security.ssl.rest.keystore-password"));
    assertEquals("ts-secret", config.get("security.ssl.rest.truststore-password"));

    PodException missing =
        assertThrows(
            PodException.class,
            () -> new FlinkProcess(false, dir, conf, out, Map.of()).effectiveConfig());
    assertEquals(
        "TLS is on but TASKBEAM_TLS_KEYSTORE_PASSWORD is not set (the chart fills it from the "
            + "Secret tls.secretName)",
        missing.getMessage());
    Files.delete(keystore);
    PodException noStore = assertThrows(PodException.class, process::effectiveConfig);
    assertThat(
        noStore.getMessage(), containsString("the keystore " + keystore + " is not readable"));
  }

  @Test
  void writtenConfigIsPrivateToThePodUser() throws IOException {
    // command() writes the config before it runs Flink's BashJavaUtils, which fails here (no Flink
    // jars).
    Path out = dir.resolve("out");
    assertThrows(
        PodException.class,
        () -> new FlinkProcess(false, dir, config("rest.port: 8081\n"), out, Map.of()).command());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("config.yaml"))));
    assertTrue(Files.isRegularFile(out.resolve("log4j-console.properties")));
  }

  @Test
  void driverWaitsForEveryTaskManagerThenRunsTheApplication() throws Exception {
    AtomicInteger registered = new AtomicInteger(1);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/overview",
        exchange -> {
          byte[] body =
              ("{\"taskmanagers\":" + registered.get() + ",\"slots-total\":2}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String master = "127.0.0.1:" + server.getAddress().getPort();
      Path lib = Files.createDirectories(dir.resolve("lib"));
      Path app = Files.createDirectories(dir.resolve("app"));
      jar(lib.resolve("beam-sdks-java-core-2.70.0.jar"), "a/A.class");
      jar(lib.resolve("log4j-slf4j2-impl-2.24.3.jar"), "b/B.class");
      jar(app.resolve("taskbeam-pipelines-0.1.0.jar"), "c/C.class");
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      long start = System.nanoTime();
      PodException timeout =
          assertThrows(
              PodException.class,
              () ->
                  new DriverProcess(lib, app, null, master, 2, 2, "kmeans", null, List.of())
                      .command(new PrintStream(log)));
      assertEquals(
          "the Flink cluster at "
              + master
              + " is not ready after 2 s: 1 of 2 TaskManagers "
              + "registered; check the JobManager and TaskManager pods (kubectl get pods, kubectl logs) or raise "
              + "driver.waitSeconds",
          timeout.getMessage());
      assertThat((System.nanoTime() - start) / 1e9, lessThan(6.0));

      registered.set(2);
      List<String> command =
          new DriverProcess(
                  lib,
                  app,
                  null,
                  master,
                  2,
                  5,
                  "kmeans",
                  null,
                  List.of("--profile=flink-k8s", "--k=4"))
              .command(new PrintStream(log));
      assertEquals(
          List.of(
              "-Dapp=kmeans",
              "-cp",
              app.resolve("taskbeam-pipelines-0.1.0.jar")
                  + ":"
                  + lib.resolve("beam-sdks-java-core-2.70.0.jar"),
              DriverProcess.APPLICATIONS_MAIN,
              "--profile=flink-k8s",
              "--k=4"),
          command.subList(command.size() - 6, command.size()));
      assertFalse(
          String.join(" ", command).contains("log4j-slf4j2-impl"),
          "the driver logs through slf4j-simple");
      assertThat(
          log.toString(StandardCharsets.UTF_8),
          containsString("has 2 TaskManager(s); starting the driver"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void driverGivesUpOnADeadJobManager() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PodException e =
        assertThrows(
            PodException.class,
            () ->
                new DriverProcess(
                        dir, dir, null, "127.0.0.1:" + port, 1, 1, null, "com.acme.Main", List.of())
                    .awaitCluster(new PrintStream(OutputStream.nullOutputStream())));
    assertThat(
        e.getMessage(),
        containsString("is not ready after 1 s: the JobManager does not answer (ConnectException"));
  }

  private String fail(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PodLauncher.run(args, new PrintStream(out), new PrintStream(err), Map.of());
    assertEquals(1, code);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing to run on stdout");
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, message.lines().count(), message);
    return message.strip();
  }

  private Path config(String yaml) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.yaml"), yaml);
    Files.writeString(conf.resolve("log4j-console.properties"), "rootLogger.level = INFO\n");
    return conf;
  }

  private static Path jar(Path file, String entry) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
    }
    return file;
  }
}
