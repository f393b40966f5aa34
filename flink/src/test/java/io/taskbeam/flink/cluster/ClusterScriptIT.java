package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's own command, {@code flink/bin/cluster}, as a user runs it: {@code start} (free
 * loopback ports, its own run directory, the warm-up job on its slot), {@code status}, {@code
 * stop}. The script puts the launcher's classes on its class path by hand; when a module it needs
 * moved (the Flink runner's {@code ClusterContract}), every Java-level test still passed and the
 * script died with {@code ClassNotFoundException}.
 */
class ClusterScriptIT {
  private static final Path SCRIPT = Path.of("bin", "cluster").toAbsolutePath();
  private static final Path RUN_DIR = Path.of("target", "it-script-cluster").toAbsolutePath();

  @Test
  void startStatusStopThroughTheScript() throws Exception {
    // The reactor compiled the launcher and its modules before this IT: tell the script so, or
    // it would start a nested Maven build of the same modules.
    Path stamp = Path.of("target", ".cluster-cli-built");
    Files.writeString(stamp, "");
    try {
      Result start = script("start", "--taskmanagers", "1", "--free-ports");
      assertThat(start.output, start.exit, equalTo(0));
      assertThat(start.output, containsString("1 taskmanagers, slots 1 total / 1 free"));
      assertThat(start.output, containsString("warmed up in"));
      Result status = script("status");
      assertThat(status.output, status.exit, equalTo(0));
      assertThat(status.output, containsString("taskmanager-1"));
    } finally {
      Result stop = script("stop");
      assertThat(stop.output, stop.exit, equalTo(0));
    }
    Result after = script("status");
    assertThat(after.output, after.exit, equalTo(3));
  }

  private record Result(int exit, String output) {}

  private static Result script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--run-dir", RUN_DIR.toString()));
    Path log = Files.createTempFile(Path.of("target"), "cluster-script", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("flink/bin/cluster " + args[0] + " did not end within 180 s");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), output);
  }
}
