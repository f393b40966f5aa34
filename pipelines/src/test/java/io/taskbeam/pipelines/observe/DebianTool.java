package io.taskbeam.pipelines.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from a Debian package that a test needs (prometheus, prometheus-pushgateway, chromium).
 * CI installs them first ({@code .ci/install-test-tools}); when one is missing here the test
 * installs it with apt-get, and skips, naming the reason, only when that is impossible.
 */
final class DebianTool {
  private DebianTool() {}

  /** The program's path, installing {@code pkg} if needed; skips the test if it cannot. */
  static Path require(String program, String pkg) {
    Path exe = Path.of("/usr/bin", program);
    if (Files.isExecutable(exe)) {
      return exe;
    }
    String reason = install(pkg);
    Assumptions.assumeTrue(
        Files.isExecutable(exe),
        () ->
            program
                + " is not installed and "
                + "'apt-get install "
                + pkg
                + "' failed ("
                + reason
                + "); install it to run this test");
    return exe;
  }

  private static String install(String pkg) {
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return "no apt-get on this machine";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not running as root";
    }
    try {
      Path log = Files.createTempFile("apt-" + pkg, ".log");
      for (List<String> cmd :
          List.of(
              List.of("apt-get", "update", "-q"),
              List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", pkg))) {
        Process p =
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          return String.join(" ", cmd) + " timed out";
        }
        if (p.exitValue() != 0) {
          List<String> lines = Files.readAllLines(log);
          return String.join(" ", cmd)
              + " exited "
              + p.exitValue()
              + ": "
              + (lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        }
      }
      return "installed";
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
