package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed start reports what to read and leaves no process behind. */
class LocalFlinkClusterFailureIT {
  private static final Path RUN_DIR = Path.of("target", "it-cluster-failure").toAbsolutePath();

  private LocalFlinkCluster cluster;

  @AfterEach
  void stopLeftovers() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void notReadyInTimeNamesTheJobManagerLogAndStopsEverything() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(1)
            .freePorts()
            .readyTimeout(Duration.ofSeconds(1))
            .stopOnJvmExit(true)
            .build();

    ClusterException e = assertThrows(ClusterException.class, cluster::start);

    assertThat(e.getMessage(), startsWith("not ready after 1 s: "));
    assertThat(e.getMessage(), containsString(RUN_DIR.resolve("log").toString()));
    assertThat(processesOf(RUN_DIR), is(empty()));
  }

  @Test
  void taskManagerMemoryTooSmallFailsAfterTheJobManagerStartedAndStopsIt() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(RUN_DIR)
            .taskManagers(1)
            .freePorts()
            .config("taskmanager.memory.process.size", "300m")
            .stopOnJvmExit(true)
            .build();

    ClusterException e = assertThrows(ClusterException.class, cluster::start);

    assertThat(
        e.getMessage(),
        equalTo(
            "BashJavaUtils GET_TM_RESOURCE_PARAMS failed with exit code 1: "
                + "org.apache.flink.configuration.IllegalConfigurationException: TaskManager memory configuration failed: "
                + "Sum of configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead (192.000mb (201326592 bytes)) "
                + "exceed configured Total Process Memory (300.000mb (314572800 bytes))."));
    assertThat(processesOf(RUN_DIR), is(empty()));
    assertThat(cluster.runningPids().size(), equalTo(0));
  }

  /** Any process on the machine whose command line names this run directory's config. */
  private static List<Long> processesOf(Path runDir) {
    String marker = "--configDir " + runDir.resolve("conf");
    return ProcessHandle.allProcesses()
        .filter(p -> ProcessControl.commandLine(p.pid()).map(c -> c.contains(marker)).orElse(false))
        .filter(p -> ProcessControl.isRunning(p.pid()))
        .map(ProcessHandle::pid)
        .toList();
  }
}
