package io.taskbeam.flink.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The memory settings Flink derives for one process type, as printed by Flink's {@code
 * BashJavaUtils} (the tool Flink's own start scripts call).
 *
 * <p>A TaskManager refuses to start unless these derived values are passed explicitly, and
 * re-implementing Flink's memory model would drift; so we run the tool on the generated config and
 * pass its answer on, exactly as {@code taskmanager.sh}/{@code jobmanager.sh} do. The local cluster
 * ({@link #compute}) and the Kubernetes pod launcher ({@code io.taskbeam.k8s.pod}, which runs the
 * tool its own way) both read the answer with {@link #parse}.
 *
 * @param jvmOptions JVM flags such as {@code -Xmx...}, {@code -XX:MaxDirectMemorySize=...}
 * @param dynamicProperties program arguments {@code -D key=value ...} for the Flink entry point
 */
public record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {
  static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /** The tool's main class; it takes {@code <role command> --configDir <dir>}. */
  public static final String MAIN_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";

  /** Which process the parameters are for: BashJavaUtils' command and the process's entry point. */
  public enum Role {
    JOBMANAGER(
        "GET_JM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
        "jobmanager"),
    TASKMANAGER(
        "GET_TM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
        "taskmanager");

    private final String command;
    private final String mainClass;
    private final String configKey;

    Role(String command, String mainClass, String configKey) {
      this.command = command;
      this.mainClass = mainClass;
      this.configKey = configKey;
    }

    /** BashJavaUtils' command for this role. */
    public String command() {
      return command;
    }

    /** The main class of the process. */
    public String mainClass() {
      return mainClass;
    }

    /** The process's name in Flink's config keys, as in {@code env.java.opts.taskmanager}. */
    public String configKey() {
      return configKey;
    }
  }

  public ResourceParams {
    jvmOptions = List.copyOf(jvmOptions);
    dynamicProperties = List.copyOf(dynamicProperties);
  }

  /**
   * Parses BashJavaUtils' output: log lines may come first; exactly two lines start with {@value
   * #RESULT_PREFIX}, the JVM flags and then the {@code -D} list.
   *
   * @throws ClusterException one line naming what was unexpected, with the end of the output
   */
  public static ResourceParams parse(String output) {
    List<String> results =
        output
            .lines()
            .filter(l -> l.startsWith(RESULT_PREFIX))
            .map(l -> l.substring(RESULT_PREFIX.length()).strip())
            .toList();
    if (results.size() != 2) {
      throw new ClusterException(
          "expected 2 "
              + RESULT_PREFIX
              + " lines from BashJavaUtils, got "
              + results.size()
              + "; its output ends with: "
              + tail(output));
    }
    List<String> jvm = split(results.get(0));
    List<String> dynamic = split(results.get(1));
    if (jvm.isEmpty() || !jvm.stream().allMatch(o -> o.startsWith("-X"))) {
      throw new ClusterException(
          "unexpected JVM flags from BashJavaUtils: '" + results.get(0) + "'");
    }
    for (int i = 0; i < dynamic.size(); i += 2) {
      if (!dynamic.get(i).equals("-D")
          || i + 1 >= dynamic.size()
          || !dynamic.get(i + 1).contains("=")) {
        throw new ClusterException(
            "unexpected -D list from BashJavaUtils: '" + results.get(1) + "'");
      }
    }
    return new ResourceParams(jvm, dynamic);
  }

  /** Runs BashJavaUtils for {@code role} against the config in {@code configDir}. */
  static ResourceParams compute(Role role, Path configDir, String classpath) {
    List<String> command =
        FlinkJvm.command(
            List.of(),
            classpath,
            MAIN_CLASS,
            List.of(role.command, "--configDir", configDir.toString()));
    return parse(
        FlinkJvm.runAndCapture("BashJavaUtils " + role.command, command, Duration.ofSeconds(60)));
  }

  private static List<String> split(String line) {
    return line.isBlank() ? List.of() : Arrays.asList(line.split("\\s+"));
  }

  private static String tail(String output) {
    String s = output.strip();
    return s.isEmpty()
        ? "(nothing)"
        : s.substring(Math.max(0, s.length() - 300)).replace('\n', ' ');
  }
}
