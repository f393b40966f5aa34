package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real cluster started with mutual TLS (1 JobManager + 1 TaskManager, free loopback ports): the
 * REST API refuses clients without the cluster's client certificate, a TaskManager with a foreign
 * certificate never registers, no password reaches a log or a REST answer, and every listening
 * socket of the cluster's JVMs (RPC, data, blob, REST, Prometheus) is on 127.0.0.1. The matmul over
 * TLS runs in the pipelines module ({@code TlsMatmulIT}).
 */
class LocalFlinkClusterTlsIT {
  private static final Path RUN_DIR = Path.of("target", "it-tls-cluster");
  private static LocalFlinkCluster cluster;

  @BeforeAll
  static void start() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(1)
            .freePorts()
            .tls(true)
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
    System.out.printf(
        "TLS cluster ready in %d ms at %s%n", cluster.startupTime().toMillis(), cluster.restUrl());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void restAcceptsTheClientCertificateOnly() throws Exception {
    FlinkTls client = FlinkTls.load(cluster.tlsClientDir());
    HttpClient withCertificate =
        HttpClient.newBuilder()
            .sslContext(client.sslContext())
            .sslParameters(FlinkTls.sslParameters())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> ok = get(withCertificate, cluster.restUrl() + "/overview");
    assertThat(ok.statusCode(), is(200));
    assertThat(ok.body(), containsString("\"taskmanagers\":1"));

    // Trusts the cluster's CA (so the server is accepted) but has no client certificate.
    HttpClient anonymous =
        HttpClient.newBuilder()
            .sslContext(trustOnly(cluster.tlsClientDir()))
            .sslParameters(FlinkTls.sslParameters())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    IOException refused =
        assertThrows(IOException.class, () -> get(anonymous, cluster.restUrl() + "/overview"));
    System.out.println("REST without a client certificate: " + refused);

    // Plain HTTP gets no API at all (Flink answers with a redirect to https and no body).
    HttpResponse<String> plain =
        get(
            HttpClient.newHttpClient(),
            cluster.restUrl().replace("https://", "http://") + "/overview");
    assertThat(plain.body(), not(containsString("taskmanagers")));
  }

  @Test
  void taskManagerWithForeignCertificateNeverRegisters() throws Exception {
    Path foreign = RUN_DIR.toAbsolutePath().resolve("foreign");
    ClusterDirectory.deleteRecursively(foreign); // left by an earlier run of this test
    Map<String, String> foreignTls = ClusterTls.generate(foreign.resolve("tls")).flinkConfig();
    Path conf = foreign.resolve("conf");
    Files.createDirectories(conf);
    FlinkConfig config = FlinkConfig.load(cluster.configDir().resolve("config.yaml"));
    foreignTls.forEach(
        (key, value) -> {
          if (key.startsWith("security.ssl.internal.")) {
            config.set(key, value);
          }
        });
    config.write(
        conf.resolve("config.yaml"), "a TaskManager with a certificate the cluster does not trust");
    Files.copy(
        cluster.configDir().resolve(LocalFlinkCluster.LOG4J_RESOURCE),
        conf.resolve(LocalFlinkCluster.LOG4J_RESOURCE));
    Path log = foreign.resolve("intruder.log");
    Process intruder = cluster.startTaskManagerWithConfig(conf, "intruder", log);
    try {
      // Bounded: the TaskManager tries to reach the ResourceManager within seconds of start.
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!Files.exists(log) || !Files.readString(log).contains("SSLHandshakeException")) {
        if (System.nanoTime() > deadline) {
          fail("no TLS handshake failure in " + log + " within 90 s");
        }
        assertThat("intruder still running", intruder.isAlive(), is(true));
        Thread.sleep(500);
      }
      Thread.sleep(3000); // a registration that got through would show by now
      String taskManagers =
          new FlinkRest(cluster.restUrl(), cluster.tlsClientDir())
              .get("/taskmanagers")
              .orElseThrow();
      assertThat(FlinkRest.taskManagerIds(taskManagers), equalTo(List.of("taskmanager-1")));
      assertThat(intruder.isAlive(), is(true));
    } finally {
      intruder.destroyForcibly().waitFor();
    }
  }

  @Test
  void secretsStayPrivate() throws Exception {
    List<String> passwords = passwordsOf(cluster.configDir().resolve("config.yaml"));
    assertThat(passwords.size(), is(6));
    String config =
        new FlinkRest(cluster.restUrl(), cluster.tlsClientDir())
            .get("/jobmanager/config")
            .orElseThrow();
    List<String> texts = new ArrayList<>(List.of(config));
    try (Stream<Path> logs = Files.list(RUN_DIR.resolve("log"))) {
      for (Path log : logs.toList()) {
        texts.add(Files.readString(log, StandardCharsets.UTF_8));
      }
    }
    for (String password : passwords) {
      for (String text : texts) {
        assertThat("a password leaked", text.contains(password), is(false));
      }
    }
    assertThat(mode(RUN_DIR.resolve("tls")), is("rwx------"));
    assertThat(mode(cluster.tlsClientDir()), is("rwx------"));
    assertThat(mode(cluster.tlsClientDir().resolve(FlinkTls.PROPERTIES)), is("rw-------"));
    assertThat(mode(cluster.configDir().resolve("config.yaml")), is("rw-------"));
    // the CA's private key is gone once the certificates are signed
    assertThat(Files.exists(RUN_DIR.resolve("tls").resolve("ca.p12")), is(false));
  }

  @Test
  void everyListenerIsOnLoopback() throws Exception {
    List<String> nonLoopback = new ArrayList<>();
    int sockets = 0;
    for (Map.Entry<String, Long> process : cluster.runningPids().entrySet()) {
      for (ListeningSockets.Socket socket : ListeningSockets.of(process.getValue())) {
        sockets++;
        if (!socket.loopback()) {
          nonLoopback.add(process.getKey() + " " + socket);
        }
      }
    }
    // JobManager: RPC, blob, REST, Prometheus (+ Pekko internals); TaskManager: RPC, data,
    // Prometheus
    assertThat("listening sockets found: " + sockets, sockets >= 6, is(true));
    assertThat(nonLoopback, is(empty()));
  }

  private static HttpResponse<String> get(HttpClient client, String url)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trustOnly(Path clientDir) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(clientDir.resolve(FlinkTls.PROPERTIES))) {
      p.load(in);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(clientDir.resolve(p.getProperty(FlinkTls.TRUSTSTORE)))) {
      trust.load(in, p.getProperty(FlinkTls.TRUSTSTORE_PASSWORD).toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance(FlinkTls.PROTOCOL);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static List<String> passwordsOf(Path config) throws IOException {
    List<String> passwords = new ArrayList<>();
    FlinkConfig.load(config)
        .asMap()
        .forEach(
            (key, value) -> {
              if (key.contains("password")) {
                passwords.add(value);
              }
            });
    return passwords;
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
