package io.taskbeam.flink.cluster;

import io.taskbeam.flink.spi.WorkerLeaving;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The files of one local cluster, all under one directory so a later command (another JVM) can find
 * the cluster again and a person can inspect it:
 *
 * <pre>
 * conf/config.yaml                 generated Flink config (the --configDir of every process)
 * conf/log4j-console.properties    logging: console, i.e. into the process's log file
 * log/jobmanager.log               one log per process (stdout + stderr)
 * log/taskmanager-1.log ...
 * pids/jobmanager.pid              one pid per process started
 * pids/taskmanager-1.pid ...
 * pids/supervisor.pid              with --supervise: the ClusterSupervisor
 * log/supervisor.log               with --supervise: one line per restart (ClusterSupervisor)
 * tmp/                             io.tmp.dirs, web.tmpdir of the JobManager
 * tmp/taskmanager-1 ...            io.tmp.dirs of each TaskManager, deleted once it has stopped
 * plugins/                         FLINK_PLUGINS_DIR (empty unless a caller adds plugins)
 * tls/                             with --tls: key and trust stores, client/ for drivers (ClusterTls)
 * cluster.properties               what a later command needs: ports, classpath, JVM options
 * </pre>
 */
final class ClusterDirectory {
  static final String JOBMANAGER = "jobmanager";
  static final String TASKMANAGER_PREFIX = "taskmanager-";

  /** The {@link ClusterSupervisor} of a cluster started with {@code --supervise}. */
  static final String SUPERVISOR = "supervisor";

  private final Path root;

  ClusterDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path confDir() {
    return root.resolve("conf");
  }

  Path configFile() {
    return confDir().resolve("config.yaml");
  }

  Path log4jFile() {
    return confDir().resolve("log4j-console.properties");
  }

  Path logDir() {
    return root.resolve("log");
  }

  Path logFile(String processName) {
    return logDir().resolve(processName + ".log");
  }

  Path pidDir() {
    return root.resolve("pids");
  }

  Path tmpDir() {
    return root.resolve("tmp");
  }

  Path taskManagerTmpDir(String name) {
    return tmpDir().resolve(name);
  }

  /** Copies of the classpath entries a rebuild may change (see {@link ClasspathSnapshot}). */
  Path libDir() {
    return root.resolve("lib");
  }

  Path tlsDir() {
    return root.resolve(ClusterTls.DIR);
  }

  Path pluginsDir() {
    return root.resolve("plugins");
  }

  Path stateFile() {
    return root.resolve("cluster.properties");
  }

  static String taskManagerName(int index) {
    return TASKMANAGER_PREFIX + index;
  }

  /** Creates the layout for a fresh start: old pid files, logs and temp files are removed. */
  void prepareFresh() throws IOException {
    // leaving/: a previous cluster's drain marks and driver registrations (WorkerLeaving)
    for (Path dir :
        List.of(pidDir(), logDir(), tmpDir(), libDir(), tlsDir(), WorkerLeaving.dir(root))) {
      deleteRecursively(dir);
    }
    for (Path dir : List.of(confDir(), logDir(), pidDir(), tmpDir(), pluginsDir(), libDir())) {
      Files.createDirectories(dir);
    }
    // the generated config may hold TLS store passwords
    Files.setPosixFilePermissions(
        confDir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Files.deleteIfExists(stateFile());
  }

  void writePid(String processName, long pid) throws IOException {
    Files.writeString(pidDir().resolve(processName + ".pid"), pid + "\n", StandardCharsets.UTF_8);
  }

  void deletePid(String processName) {
    try {
      Files.deleteIfExists(pidDir().resolve(processName + ".pid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pids by process name: the JobManager first, then TaskManagers by index. Unreadable files are
   * skipped.
   */
  Map<String, Long> readPids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (!Files.isDirectory(pidDir())) {
      return pids;
    }
    try (Stream<Path> files = Files.list(pidDir())) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .map(f -> f.getFileName().toString().replaceFirst("\\.pid$", ""))
          .sorted(Comparator.comparingInt(ClusterDirectory::order))
          .forEach(name -> readPid(name).ifPresent(pid -> pids.put(name, pid)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  /** The highest TaskManager index that has a pid file, 0 if none. */
  int highestTaskManagerIndex() {
    return readPids().keySet().stream()
        .filter(name -> name.startsWith(TASKMANAGER_PREFIX))
        .mapToInt(ClusterDirectory::order)
        .max()
        .orElse(0);
  }

  void writeState(ClusterState state) throws IOException {
    try (OutputStream out = Files.newOutputStream(stateFile())) {
      state
          .toProperties()
          .store(out, "written by LocalFlinkCluster; read by later commands on this run directory");
    }
  }

  /** The state written at start, or null if there is none. */
  ClusterState readState() {
    if (!Files.exists(stateFile())) {
      return null;
    }
    Properties state = new Properties();
    try (InputStream in = Files.newInputStream(stateFile())) {
      state.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ClusterState.of(state);
  }

  private java.util.Optional<Long> readPid(String name) {
    try {
      return java.util.Optional.of(
          Long.parseLong(
              Files.readString(pidDir().resolve(name + ".pid"), StandardCharsets.UTF_8).strip()));
    } catch (IOException | NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** 0 for the JobManager, k for taskmanager-k, large for anything else. */
  private static int order(String name) {
    if (name.equals(JOBMANAGER)) {
      return 0;
    }
    if (name.startsWith(TASKMANAGER_PREFIX)) {
      try {
        return Integer.parseInt(name.substring(TASKMANAGER_PREFIX.length()));
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    return Integer.MAX_VALUE;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** " (last error: ...)" from the end of a process's log, or "" if it has none. */
  static String lastError(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (line.contains("ERROR") || line.contains("Exception")) {
          String trimmed = line.strip();
          return " (last error: "
              + (trimmed.length() > 240 ? trimmed.substring(0, 240) + "..." : trimmed)
              + ")";
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // no log to quote
    }
    return "";
  }
}
