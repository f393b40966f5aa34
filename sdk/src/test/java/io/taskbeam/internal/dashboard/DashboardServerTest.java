package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Cli;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskBeamOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's server without a browser: the token is required everywhere, the event stream
 * carries the counts the observer fed, and bad addresses are refused in one line.
 */
class DashboardServerTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  @Test
  void everyRequestWithoutTheRightTokenGets403() throws Exception {
    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    try (DashboardServer server = DashboardServer.start(DashboardAddress.AUTO, run)) {
      String url = server.url();
      assertThat(url, startsWith("http://127.0.0.1:" + server.port() + "/?token="));
      String token = url.substring(url.indexOf("token=") + 6);
      assertThat(token.length(), is(64));
      String base = "http://127.0.0.1:" + server.port();
      String wrong = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);
      for (String path :
          List.of(
              "/",
              "/events",
              "/state",
              "/?token=",
              "/events?token=" + wrong,
              "/state?token=" + token.substring(1),
              "/nothing")) {
        HttpResponse<String> r = get(base + path);
        assertThat(path, r.statusCode(), is(403));
        assertThat(r.body(), not(containsString("task-stream")));
      }
      HttpResponse<String> page = get(url);
      assertThat(page.statusCode(), is(200));
      assertThat(page.body(), containsString("<svg id=\"task-stream\""));
      assertThat(page.body(), containsString("new EventSource("));
      assertThat(page.body(), not(containsString("http://www.w3.org/1999")));
      assertThat(get(base + "/nothing?token=" + token).statusCode(), is(404));
    }
  }

  @Test
  void theEventStreamCarriesTheCountsPerFunctionAndEndsWithTheRun() throws Exception {
    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    for (int i = 0; i < 5; i++) {
      run.submitted("square");
    }
    run.submitted("sum");
    run.syncStarting(1, 2, 2, T0 + 1000, T0 + 2000, Map.of("square", 5, "sum", 1));
    WorkerThread thread = new WorkerThread("h:1", "h:1", "h", "7/worker", "worker, thread 7");
    run.progress(List.of(new ChunkProgress(0, 0, "square", 2, 0, "square#3", T0 + 5000)));
    run.chunkEnded(
        0,
        1,
        thread,
        List.of(
            new TaskCall("square#4", "square", T0 + 3000, T0 + 4000, TaskState.DONE),
            new TaskCall("square#5", "square", T0 + 4000, T0 + 9000, TaskState.FAILED)));
    try (DashboardServer server = DashboardServer.start(DashboardAddress.AUTO, run)) {
      String url = server.url();
      String events = url.replace("/?token=", "/events?token=");
      HttpResponse<Stream<String>> r =
          http.send(
              HttpRequest.newBuilder(URI.create(events)).build(),
              HttpResponse.BodyHandlers.ofLines());
      assertThat(r.statusCode(), is(200));
      assertThat(
          r.headers().firstValue("Content-Type").orElse(""), startsWith("text/event-stream"));
      Iterator<String> lines = r.body().iterator();
      String first = nextData(lines, "state");
      // square: 5 submitted, 1 done and 1 failed from the ended chunk, 2 done and 1 running live
      assertThat(
          first,
          containsString(
              "{\"name\":\"square\",\"colour\":\"#4e79a7\",\"submitted\":5,\"waiting\":0,"
                  + "\"running\":1,\"done\":3,\"failed\":1,\"cancelled\":0}"));
      assertThat(first, containsString("\"status\":\"running\""));
      assertThat(first, containsString("[0,0,3000,4000,\"d\",\"square#4\"]"));
      assertThat(first, containsString("[0,0,4000,9000,\"f\",\"square#5\"]"));
      assertThat(
          first,
          containsString("\"lanes\":[{\"process\":\"h:1\",\"label\":\"worker, thread 7\"}]"));
      run.syncEnded(T0 + 20_000, "task square#5 failed: boom\nat line 2");
      run.end("sync point 1: later message");
      String last = nextData(lines, "state");
      while (!last.contains("\"status\":\"failed\"")) {
        last = nextData(lines, "state");
      }
      // the sync point failed: the task of 'sum' and the 2 square tasks that never ran are
      // cancelled
      assertThat(
          last,
          containsString(
              "\"totals\":{\"submitted\":6,\"waiting\":0,\"running\":0,"
                  + "\"done\":1,\"failed\":1,\"cancelled\":4}"));
      assertThat(
          last,
          containsString("\"failure\":\"sync point 1: task square#5 failed: boom\\nat line 2\""));
      assertThat(last, containsString("\"failedTask\":\"square#5\""));
      // bars already sent are not sent again
      assertThat(last, not(containsString("square#4\"]")));
      assertThat(nextData(lines, "end"), equalTo("{}"));
    }
  }

  @Test
  void addressesOtherThanLoopbackAndBadValuesAreRefusedInOneLine() {
    assertThat(DashboardAddress.parse("off"), nullValue());
    assertThat(DashboardAddress.parse("auto"), equalTo(DashboardAddress.AUTO));
    assertThat(
        DashboardAddress.parse("127.0.0.1:8787"), equalTo(new DashboardAddress("127.0.0.1", 8787)));
    assertThat(DashboardAddress.parse("[::1]:0"), equalTo(new DashboardAddress("::1", 0)));
    Map<String, String> refusals =
        Map.of(
            "0.0.0.0:8787",
                "--dashboard=0.0.0.0:8787: 0.0.0.0 is not a loopback address, and the"
                    + " dashboard has no TLS",
            "127.0.0.1:http", "--dashboard=127.0.0.1:http: the port must be a number",
            "127.0.0.1:70000", "--dashboard=127.0.0.1:70000: the port must be a number",
            "yes", "--dashboard=yes: expected off, auto or HOST:PORT");
    refusals.forEach(
        (value, message) -> {
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> DashboardAddress.parse(value));
          assertThat(e.getMessage(), startsWith(message));
          assertThat(e.getMessage(), not(containsString("\n")));
        });
  }

  /**
   * With {@code --dashboardTls} the page is served over HTTPS with that key store's certificate: a
   * client trusting it gets the page with the token and 403 without; plain HTTP gets nothing; an
   * address other than loopback is then accepted; a directory without credentials is one line.
   */
  @Test
  void withTlsThePageIsServedOverHttpsOnlyAndStillNeedsTheToken() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tls"));
    ProcessBuilder keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "dashboard",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=taskbeam dashboard test",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                dir.resolve("server.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass:env",
                "STOREPASS")
            .redirectErrorStream(true);
    keytool.environment().put("STOREPASS", "test-secret");
    Process made = keytool.start();
    String said = new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(said, made.waitFor(), is(0));
    Files.writeString(
        dir.resolve(DashboardTls.PROPERTIES),
        "keystore=server.p12\nkeystore-password=test-secret\n");

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "test-secret".toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("dashboard", keys.getCertificate("dashboard"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    HttpClient https =
        HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build();

    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    DashboardAddress address = DashboardAddress.parse("127.0.0.1:0", dir.toString());
    try (DashboardServer server = DashboardServer.start(address, run)) {
      String url = server.url();
      assertThat(url, startsWith("https://127.0.0.1:" + server.port() + "/?token="));
      String token = url.substring(url.indexOf("token=") + 6);
      String base = "https://127.0.0.1:" + server.port();
      HttpResponse<String> page =
          https.send(
              HttpRequest.newBuilder(URI.create(base + "/state?token=" + token)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode(), is(200));
      assertThat(page.body(), containsString("\"app\":\"app\""));
      HttpResponse<String> refused =
          https.send(
              HttpRequest.newBuilder(URI.create(base + "/state")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode(), is(403));
      assertThrows(
          java.io.IOException.class,
          () ->
              http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/?token=" + token))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(
        DashboardAddress.parse("0.0.0.0:8787", dir.toString()),
        equalTo(new DashboardAddress("0.0.0.0", 8787, dir)));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DashboardServer.start(DashboardAddress.parse("auto", empty.toString()), run)
                    .close());
    assertThat(e.getMessage(), startsWith("--dashboardTls=" + empty + ": no tls.properties there"));
    assertThat(e.getMessage(), not(containsString("test-secret")));
  }

  @Test
  void aBadDashboardValueStopsTheProgramWithOneLineBeforeAnythingRuns() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            "watched",
            new PrintStream(err, true, StandardCharsets.UTF_8),
            () -> {
              TaskBeam tb = TaskBeam.start(options("--dashboard=10.1.2.3:8787"));
              tb.close();
              throw new AssertionError("the session must not start");
            });
    assertThat(code, is(1));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(
        printed,
        startsWith(
            "watched: error: --dashboard=10.1.2.3:8787: 10.1.2.3 is not a loopback address"));
    assertThat(printed, containsString("--dashboard=auto"));
    assertThat(printed.strip().lines().count(), is(1L));
    assertThat(
        Files.exists(tmp.resolve("runs")) && Files.list(tmp.resolve("runs")).findAny().isPresent(),
        is(false));
  }

  @Test
  void withTheDashboardOffNoServerStartsAndNothingIsPrinted() throws Exception {
    for (String option : List.of("--dashboard=off", "--dashboard=auto")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stderr = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      long before = httpServers();
      boolean serving;
      try (TaskBeam tb = TaskBeam.start(options(option))) {
        assertThat(tb.waitOn(tb.put(7)), is(7));
        serving = httpServers() > before;
      } finally {
        System.setErr(stderr);
      }
      boolean on = option.endsWith("auto");
      assertThat(option, serving, is(on));
      assertThat(
          option, err.toString(StandardCharsets.UTF_8).contains("taskbeam: dashboard "), is(on));
    }
  }

  /** A DirectRunner session in {@code tmp} with no metrics endpoint and {@code dashboardOption}. */
  private TaskBeamOptions options(String dashboardOption) {
    return Cli.parse(
        new String[] {
          "--runner=DirectRunner",
          "--workDir=" + tmp.resolve("work"),
          "--runsDir=" + tmp.resolve("runs"),
          "--metricsPort=-1",
          "--progress=off",
          dashboardOption
        },
        TaskBeamOptions.class);
  }

  /** Dispatcher threads of the JDK's HTTP servers (the metrics endpoint is off in these runs). */
  private static long httpServers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HTTP-Dispatcher"))
        .count();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The data of the next event named {@code name} (other events are skipped). */
  private static String nextData(Iterator<String> lines, String name) {
    String event = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && name.equals(event)) {
        return line.substring(6);
      }
    }
    throw new AssertionError("the stream ended before an event '" + name + "'");
  }
}
