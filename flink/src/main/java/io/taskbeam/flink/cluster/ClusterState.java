package io.taskbeam.flink.cluster;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What a later command (another JVM) needs to get a started cluster back, kept in the cluster
 * directory's {@code cluster.properties}: its ports, sizes and timeouts, and the classpath, JVM
 * options and arguments that start one more TaskManager like the others, and those that start the
 * JobManager again (the {@link ClusterSupervisor} restarts a dead one as it was).
 */
record ClusterState(
    String host,
    ClusterPorts ports,
    int taskManagers,
    int slots,
    Duration readyTimeout,
    Duration stopTimeout,
    boolean tls,
    String classpath,
    List<String> taskManagerJvmOptions,
    List<String> taskManagerArgs,
    List<String> jobManagerJvmOptions,
    List<String> jobManagerArgs) {

  ClusterState {
    taskManagerJvmOptions = List.copyOf(taskManagerJvmOptions);
    taskManagerArgs = List.copyOf(taskManagerArgs);
    jobManagerJvmOptions = List.copyOf(jobManagerJvmOptions);
    jobManagerArgs = List.copyOf(jobManagerArgs);
  }

  /** The state as the properties file holds it (lists one item a line). */
  Properties toProperties() {
    Properties state = new Properties();
    state.setProperty("host", host);
    state.setProperty("rest.port", Integer.toString(ports.rest()));
    state.setProperty("jobmanager.rpc.port", Integer.toString(ports.jobManagerRpc()));
    state.setProperty("blob.server.port", Integer.toString(ports.blob()));
    state.setProperty("taskmanager.rpc.port", Integer.toString(ports.taskManagerRpc()));
    state.setProperty("taskmanager.data.port", Integer.toString(ports.taskManagerData()));
    state.setProperty("taskmanagers", Integer.toString(taskManagers));
    state.setProperty("slots", Integer.toString(slots));
    state.setProperty("ready-timeout-ms", Long.toString(readyTimeout.toMillis()));
    state.setProperty("stop-timeout-ms", Long.toString(stopTimeout.toMillis()));
    state.setProperty("tls", Boolean.toString(tls));
    state.setProperty("classpath", classpath);
    state.setProperty("taskmanager.jvm-options", String.join("\n", taskManagerJvmOptions));
    state.setProperty("taskmanager.args", String.join("\n", taskManagerArgs));
    state.setProperty("jobmanager.jvm-options", String.join("\n", jobManagerJvmOptions));
    state.setProperty("jobmanager.args", String.join("\n", jobManagerArgs));
    return state;
  }

  /**
   * Reads what {@link #toProperties} wrote.
   *
   * @throws ClusterException naming the missing key, when the file is from another version
   */
  static ClusterState of(Properties state) {
    ClusterPorts ports =
        new ClusterPorts(
            intOf(state, "rest.port"),
            intOf(state, "jobmanager.rpc.port"),
            intOf(state, "blob.server.port"),
            intOf(state, "taskmanager.rpc.port"),
            intOf(state, "taskmanager.data.port"));
    return new ClusterState(
        state.getProperty("host", LocalFlinkCluster.HOST),
        ports,
        intOf(state, "taskmanagers"),
        intOf(state, "slots"),
        Duration.ofMillis(intOf(state, "ready-timeout-ms")),
        Duration.ofMillis(intOf(state, "stop-timeout-ms")),
        Boolean.parseBoolean(state.getProperty("tls", "false")),
        state.getProperty("classpath"),
        lines(state.getProperty("taskmanager.jvm-options")),
        lines(state.getProperty("taskmanager.args")),
        lines(state.getProperty("jobmanager.jvm-options")),
        lines(state.getProperty("jobmanager.args")));
  }

  private static int intOf(Properties state, String key) {
    String value = state.getProperty(key);
    if (value == null) {
      throw new ClusterException("cluster state file lacks " + key + "; start the cluster again");
    }
    return Integer.parseInt(value);
  }

  private static List<String> lines(String value) {
    return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split("\n"));
  }
}
