package io.taskbeam.k8s.pod;

import io.taskbeam.flink.cluster.ClusterException;
import io.taskbeam.flink.cluster.FlinkConfig;
import io.taskbeam.flink.cluster.TaskManagerDrain;
import io.taskbeam.flink.spi.ClusterContract;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The TaskManager pod's preStop hook ({@code taskbeam-pod leave}): drains the pod's TaskManager
 * before Kubernetes stops it, as {@code cluster remove-taskmanager} does on SLURM and the local
 * cluster ({@link TaskManagerDrain#drainForStop}). It marks the TaskManager (resource id: the pod's
 * name) as leaving in the cluster's run directory on the shared volume, waits until the driver held
 * its next job and the TaskManager's slots are free, and returns; the kubelet then sends SIGTERM.
 * The mark stays until Flink no longer lists the TaskManager, so the driver submits nothing before
 * the TaskManager is gone.
 *
 * <p>The run directory and the JobManager's REST address come from the chart's Flink config
 * ({@value ClusterContract#RUN_DIR}, {@code rest.address}, {@code rest.port}).
 */
final class TaskManagerLeave {
  /** How long the hook waits for the JobManager's answer (it may be going away as well). */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

  private final Path configSource;
  private final String name;
  private final int timeoutSeconds;

  TaskManagerLeave(Path configSource, String name, int timeoutSeconds) {
    if (name == null || name.isBlank()) {
      throw new PodException(
          "no TaskManager name: set --name or POD_NAME (the chart sets it from metadata.name)");
    }
    this.configSource = configSource;
    this.name = name;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Drains; returns the line to print. */
  String run() {
    Path file = configSource.resolve(FlinkProcess.CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      throw new PodException(
          "no Flink config at " + file + " (the chart's ConfigMap is mounted there)");
    }
    FlinkConfig config;
    try {
      config = FlinkConfig.load(file);
    } catch (RuntimeException e) {
      throw new PodException(e.getMessage(), e);
    }
    String runDir = config.get(ClusterContract.RUN_DIR);
    if (runDir == null || runDir.isBlank()) {
      return name + ": the Flink config names no " + ClusterContract.RUN_DIR + "; not drained";
    }
    if ("true".equalsIgnoreCase(config.get("security.ssl.rest.enabled"))) {
      return name
          + ": the REST port uses TLS, which this hook cannot speak; stopping without a drain";
    }
    String rest = "http://" + config.get("rest.address") + ":" + config.get("rest.port");
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try {
      return TaskManagerDrain.of(Path.of(runDir), rest)
              .drainForStop(
                  name, timeout, ANSWER_WAIT.compareTo(timeout) < 0 ? ANSWER_WAIT : timeout)
          + "; Kubernetes stops it now";
    } catch (ClusterException e) {
      throw new PodException(e.getMessage() + "; " + name + " stops without a drain", e);
    }
  }

  /** Runs the hook, printing its line on {@code log}. */
  static void leave(Path configSource, String name, int timeoutSeconds, PrintStream log) {
    log.println("taskbeam-pod: " + new TaskManagerLeave(configSource, name, timeoutSeconds).run());
    log.flush();
  }
}
