package io.taskbeam.testlab.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page open in headless Chromium, driven through the DevTools protocol (a WebSocket the JDK's
 * HTTP client speaks): the test reads the live DOM as often as it likes while the run goes on,
 * which {@code --dump-dom} (one look, after load) cannot do. Chromium is the Debian package that
 * {@code .ci/install-test-tools} installs; the process and its children are stopped on close. Used
 * by the sdk's browser test (DirectRunner) and the pipelines' cluster test (the real cluster).
 *
 * <pre>{@code
 * try (DevToolsPage page = DevToolsPage.open(chromium, url, tmp.resolve("profile"))) {
 *   page.await("document.getElementById('total-done').textContent", "12"::equals, 30);
 * }
 * }</pre>
 */
public final class DevToolsPage implements AutoCloseable {
  private static final Pattern PAGE_SOCKET =
      Pattern.compile("\"type\": \"page\",[^}]*?\"webSocketDebuggerUrl\": \"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");
  private static final Pattern STRING_VALUE =
      Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern DATA = Pattern.compile("\"data\":\"([^\"]+)\"");

  private final Process chromium;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private DevToolsPage(Process chromium, WebSocket socket) {
    this.chromium = chromium;
    this.socket = socket;
  }

  /** Starts Chromium on {@code url} with a fresh profile in {@code profile}. */
  public static DevToolsPage open(Path chromium, String url, Path profile) throws Exception {
    Files.createDirectories(profile);
    Process p =
        new ProcessBuilder(
                HeadlessChromium.command(
                    chromium,
                    profile,
                    "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0",
                    "--window-size=1280,1600",
                    url))
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    p.getOutputStream().close();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          throw new AssertionError(
              "chromium gave no DevTools port: "
                  + Files.readString(profile.resolve("chromium.log")));
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      String list =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = PAGE_SOCKET.matcher(list);
      if (!m.find()) {
        throw new AssertionError("no page in chromium's target list: " + list);
      }
      DevToolsPage[] page = new DevToolsPage[1];
      StringBuilder partial = new StringBuilder();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create(m.group(1)),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      partial.append(data);
                      if (last) {
                        page[0].reply(partial.toString());
                        partial.setLength(0);
                      }
                      ws.request(1);
                      return null;
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      page[0] = new DevToolsPage(p, socket);
      return page[0];
    } catch (Exception | AssertionError e) {
      stop(p);
      throw e;
    }
  }

  /** The value of {@code expression} (which must give a string) in the page now. */
  public String evaluate(String expression) throws Exception {
    String reply =
        call(
            "Runtime.evaluate",
            "{\"expression\":" + quoted(expression) + ",\"returnByValue\":true}");
    Matcher m = STRING_VALUE.matcher(reply);
    if (!m.find()) {
      throw new AssertionError("not a string: " + expression + " gave " + reply);
    }
    return unescape(m.group(1));
  }

  /**
   * Evaluates {@code expression} every 100 ms until {@code done} holds; the last value if not. An
   * expression that throws (the page still loading) gives {@code "error: ..."}.
   */
  public String await(String expression, Predicate<String> done, long seconds) throws Exception {
    String guarded =
        "(() => { try { return String("
            + expression
            + "); } catch (e) { return 'error: ' + e; } })()";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String value = evaluate(guarded);
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = evaluate(guarded);
    }
    return value;
  }

  /** A PNG of the page as it is now. */
  public void screenshot(Path png) throws Exception {
    Matcher m = DATA.matcher(call("Page.captureScreenshot", "{\"format\":\"png\"}"));
    if (!m.find()) {
      throw new AssertionError("chromium sent no screenshot");
    }
    Files.write(png, Base64.getDecoder().decode(m.group(1)));
  }

  @Override
  public void close() {
    socket.abort();
    stop(chromium);
  }

  private String call(String method, String params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<String> reply = new CompletableFuture<>();
    replies.put(id, reply);
    // one send at a time: the JDK's WebSocket refuses a send while another is pending, and a test
    // may evaluate from a watcher thread and its own at once
    synchronized (socket) {
      socket
          .sendText(
              "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
          .get(10, TimeUnit.SECONDS);
    }
    return reply.get(30, TimeUnit.SECONDS);
  }

  private void reply(String message) {
    Matcher m = ID.matcher(message);
    if (m.find()) {
      CompletableFuture<String> waiting = replies.remove(Integer.parseInt(m.group(1)));
      if (waiting != null) {
        waiting.complete(message);
      }
    }
  }

  /**
   * {@code s} as a JSON string literal, quotes included (the SDK has a JSON writer, but testlab
   * depends on no module of the project, so that every module may use it in its tests).
   */
  private static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  /** Stops the Chromium this test started, and the processes it started. */
  private static void stop(Process p) {
    List<ProcessHandle> children = p.toHandle().descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroy);
  }
}
