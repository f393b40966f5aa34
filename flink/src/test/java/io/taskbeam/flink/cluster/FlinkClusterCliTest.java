package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument errors and the commands that need no running cluster; nothing here starts a JVM. */
class FlinkClusterCliTest {
  @TempDir Path runDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new FlinkClusterCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownCommand() {
    assertThat(run("launch"), equalTo(1));
    assertThat(
        err(),
        equalTo(
            "error: unknown command 'launch' (expected start, add-taskmanager,"
                + " remove-taskmanager, status, stop, taskmanager-command or await-taskmanagers;"
                + " see --help)\n"));
  }

  @Test
  void removeTaskManagerTakesTermOrHup() {
    assertThat(
        run("remove-taskmanager", "tm-1", "--signal", "KILL", "--run-dir", runDir.toString()),
        equalTo(1));
    assertThat(err(), equalTo("error: --signal must be TERM or HUP, got 'KILL'\n"));
  }

  @Test
  void removeTaskManagerWithoutCluster() {
    assertThat(
        run("remove-taskmanager", "--timeout", "5", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(
        err(),
        equalTo("error: no cluster was started from " + runDir + " (no cluster.properties)\n"));
  }

  @Test
  void negativeTaskManagers() {
    assertThat(run("start", "--taskmanagers", "-1", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(err(), equalTo("error: --taskmanagers must be 0 or more, got '-1'\n"));
  }

  @Test
  void maxRestartsNeedsSupervise() {
    assertThat(run("start", "--max-restarts", "3", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(
        err(),
        equalTo(
            "error: --max-restarts bounds the restarts of --supervise: give both, or neither\n"));
  }

  @Test
  void maxRestartsMustBePositive() {
    assertThat(
        run("start", "--supervise", "--max-restarts", "0", "--run-dir", runDir.toString()),
        equalTo(1));
    assertThat(err(), equalTo("error: --max-restarts must be a positive integer, got '0'\n"));
  }

  @Test
  void taskManagerCommandNeedsAHost() {
    assertThat(
        run("taskmanager-command", "--name", "tm-a", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(err(), equalTo("error: --host is required\n"));
  }

  @Test
  void taskManagerCommandRejectsANameWithSpaces() {
    assertThat(
        run("taskmanager-command", "--host", "10.0.0.1", "--name", "tm a", "--run-dir", "x"),
        equalTo(1));
    assertThat(
        err(), equalTo("error: --name must be letters, digits, '.', '_' or '-', got 'tm a'\n"));
  }

  @Test
  void awaitTaskManagersWithoutCluster() {
    assertThat(
        run("await-taskmanagers", "--count", "2", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(
        err(),
        equalTo("error: no cluster was started from " + runDir + " (no cluster.properties)\n"));
  }

  @Test
  void nonNumericSlots() {
    assertThat(run("start", "--slots=two"), equalTo(1));
    assertThat(err(), equalTo("error: --slots must be a positive integer, got 'two'\n"));
  }

  @Test
  void portOutOfRange() {
    assertThat(run("start", "--rest-port", "70000"), equalTo(1));
    assertThat(err(), equalTo("error: --rest-port must be a port number 1-65535, got '70000'\n"));
  }

  @Test
  void optionWithoutValue() {
    assertThat(run("start", "--taskmanagers"), equalTo(1));
    assertThat(err(), equalTo("error: --taskmanagers needs a value\n"));
  }

  @Test
  void optionOfAnotherCommand() {
    assertThat(run("stop", "--taskmanagers", "2"), equalTo(1));
    assertThat(err(), equalTo("error: unknown option '--taskmanagers' for stop (see --help)\n"));
  }

  @Test
  void confNeedsKeyAndValue() {
    assertThat(run("start", "--conf", "novalue", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(err(), equalTo("error: --conf needs KEY=VALUE, got 'novalue'\n"));
  }

  @Test
  void confMustNotSetLauncherKeys() {
    assertThat(run("start", "--conf", "rest.port=1", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(
        err(),
        equalTo(
            "error: config key rest.port is set by the launcher; use its ports/slots settings instead of extra config\n"));
  }

  @Test
  void restPortInUseIsReportedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThat(
          run("start", "--rest-port", Integer.toString(port), "--run-dir", runDir.toString()),
          equalTo(1));

      assertThat(
          err(),
          equalTo(
              "error: port "
                  + port
                  + " (rest.port) on 127.0.0.1 is already in use; "
                  + "pick another with --rest-port P (or --free-ports), or stop what uses it\n"));
      try (var files = Files.list(runDir)) {
        assertThat(files.count(), equalTo(0L));
      }
    }
  }

  @Test
  void statusWithoutClusterExitsWithThree() {
    assertThat(run("status", "--run-dir", runDir.toString()), equalTo(3));
    assertThat(out(), equalTo("no Flink cluster running from " + runDir + "\n"));
  }

  @Test
  void stopWithoutClusterIsANoOp() {
    assertThat(run("stop", "--run-dir", runDir.toString()), equalTo(0));
    assertThat(out(), equalTo("nothing to stop in " + runDir + "\n"));
  }

  @Test
  void addTaskManagerWithoutCluster() {
    assertThat(run("add-taskmanager", "--run-dir", runDir.toString()), equalTo(1));
    assertThat(
        err(),
        equalTo("error: no cluster was started from " + runDir + " (no cluster.properties)\n"));
  }

  @Test
  void noArgumentsPrintsUsageAndFails() {
    assertThat(run(), equalTo(1));
    assertThat(err(), equalTo(FlinkClusterCli.USAGE + "\n"));
  }
}
