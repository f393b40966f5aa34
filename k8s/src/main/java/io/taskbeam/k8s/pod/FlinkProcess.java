package io.taskbeam.k8s.pod;

import io.taskbeam.flink.cluster.ClusterException;
import io.taskbeam.flink.cluster.FlinkConfig;
import io.taskbeam.flink.cluster.ResourceParams;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command of a JobManager or TaskManager pod: the effective Flink config written to a writable
 * directory, then {@code java <memory flags> <env.java.opts> -cp lib/* <entry point>}.
 */
final class FlinkProcess {
  static final String CONFIG_FILE = "config.yaml";
  static final String LOG4J_FILE = "log4j-console.properties";

  /** Environment variables with the TLS store passwords (from the chart's Secret). */
  static final String KEYSTORE_PASSWORD_ENV = "TASKBEAM_TLS_KEYSTORE_PASSWORD";

  static final String TRUSTSTORE_PASSWORD_ENV = "TASKBEAM_TLS_TRUSTSTORE_PASSWORD";

  private final boolean jobManager;
  private final ResourceParams.Role role;
  private final Path lib;
  private final Path configSource;
  private final Path configDir;
  private final Map<String, String> env;

  FlinkProcess(
      boolean jobManager, Path lib, Path configSource, Path configDir, Map<String, String> env) {
    this.jobManager = jobManager;
    this.role = jobManager ? ResourceParams.Role.JOBMANAGER : ResourceParams.Role.TASKMANAGER;
    this.lib = lib;
    this.configSource = configSource;
    this.configDir = configDir;
    this.env = env;
  }

  List<String> command() {
    FlinkConfig config = effectiveConfig();
    writeConfig(config);
    ResourceParams resources = resourceParams();
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(resources.jvmOptions());
    command.addAll(config.javaOptions(role.configKey()));
    command.add("-Dlog4j.configurationFile=" + configDir.resolve(LOG4J_FILE));
    command.add("-cp");
    command.add(lib + File.separator + "*");
    command.add(role.mainClass());
    command.add("--configDir");
    command.add(configDir.toString());
    command.addAll(resources.dynamicProperties());
    String podName = env.get("POD_NAME");
    if (!jobManager && podName != null && !podName.isBlank()) {
      command.addAll(List.of("-D", "taskmanager.resource-id=" + podName));
    }
    return command;
  }

  /** The ConfigMap's config plus what only the pod knows: passwords, contract, own address. */
  FlinkConfig effectiveConfig() {
    Path source = configSource.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(source)) {
      throw new PodException(
          "no Flink config at " + source + " (the chart's ConfigMap is mounted there)");
    }
    FlinkConfig config;
    try {
      config = FlinkConfig.load(source);
    } catch (RuntimeException e) {
      throw new PodException(e.getMessage(), e);
    }
    addTlsPasswords(config, "internal");
    addTlsPasswords(config, "rest");
    if (jobManager) {
      ImageContract.of(lib).forEach(config::set);
    } else {
      String podIp = env.get("POD_IP");
      if (podIp != null && !podIp.isBlank()) {
        config.set("taskmanager.host", podIp);
      }
    }
    return config;
  }

  private void addTlsPasswords(FlinkConfig config, String scope) {
    if (!"true".equalsIgnoreCase(config.get("security.ssl." + scope + ".enabled"))) {
      return;
    }
    for (String store : List.of("keystore", "truststore")) {
      String file = config.get("security.ssl." + scope + "." + store);
      if (file == null || !Files.isReadable(Path.of(file))) {
        throw new PodException(
            "security.ssl."
                + scope
                + ".enabled is true but the "
                + store
                + " "
                + file
                + " is not readable (is the Secret tls.secretName mounted?)");
      }
    }
    String keystorePassword = requiredEnv(KEYSTORE_PASSWORD_ENV);
    config.set("security.ssl." + scope + ".keystore-password", keystorePassword);
    config.set("security.ssl." + scope + ".key-password", keystorePassword);
    config.set(
        "security.ssl." + scope + ".truststore-password", requiredEnv(TRUSTSTORE_PASSWORD_ENV));
  }

  private String requiredEnv(String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new PodException(
          "TLS is on but "
              + name
              + " is not set (the chart fills it from the "
              + "Secret tls.secretName)");
    }
    return value;
  }

  private void writeConfig(FlinkConfig config) {
    try {
      Files.createDirectories(configDir);
      Path file = configDir.resolve(CONFIG_FILE);
      Files.deleteIfExists(file);
      // It may hold TLS passwords: readable by the pod's user only.
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          config.toYaml("Written by taskbeam-pod from " + configSource.resolve(CONFIG_FILE)),
          StandardCharsets.UTF_8);
      Path log4j = configSource.resolve(LOG4J_FILE);
      if (Files.isRegularFile(log4j)) {
        Files.copy(log4j, configDir.resolve(LOG4J_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PodException(
          "cannot write the Flink config to " + configDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Flink's own memory derivation ({@code BashJavaUtils}, what Flink's start scripts run), read as
   * the local cluster reads it ({@link ResourceParams#parse}).
   */
  private ResourceParams resourceParams() {
    String what = "BashJavaUtils " + role.command();
    String output =
        run(
            List.of(
                javaBinary(),
                "-cp",
                lib + File.separator + "*",
                ResourceParams.MAIN_CLASS,
                role.command(),
                "--configDir",
                configDir.toString()),
            what);
    try {
      return ResourceParams.parse(output);
    } catch (ClusterException e) {
      throw new PodException(what + ": " + e.getMessage(), e);
    }
  }

  private static String run(List<String> command, String what) {
    try {
      Path output = Files.createTempFile("taskbeam-pod-", ".out");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new PodException(what + " did not finish within 60 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new PodException(
              what + " failed (exit code " + process.exitValue() + "): " + tail(text));
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new PodException("cannot run " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodException("interrupted while running " + what, e);
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(String output) {
    String s = output.strip().replace('\n', ' ');
    return s.isEmpty() ? "(nothing)" : s.substring(Math.max(0, s.length() - 300));
  }
}
