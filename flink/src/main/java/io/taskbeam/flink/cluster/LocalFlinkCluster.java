package io.taskbeam.flink.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A Flink 1.19 standalone session cluster on this machine: one JobManager JVM and N TaskManager
 * JVMs, bound to 127.0.0.1, with all files in one run directory (see {@link RunDirectory}).
 *
 * <pre>{@code
 * try (LocalFlinkCluster cluster = LocalFlinkCluster.builder()
 *     .runDir(Path.of("target/flink-cluster")).taskManagers(2).freePorts().build().start()) {
 *   String flinkMaster = cluster.restAddress();   // for Beam's --flinkMaster
 *   cluster.addTaskManager();
 * }                                               // close() stops every process it started
 * }</pre>
 *
 * <p>A later JVM (e.g. the next CLI command) gets the same cluster back with {@link #attach(Path)}.
 * {@link #stop()} ends exactly the pids in the run directory's pid files that still run this
 * cluster's command line: SIGTERM, then SIGKILL after a bound.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  /** Every process binds to and advertises this address only. */
  public static final String HOST = "127.0.0.1";

  static final String JOBMANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String LOG4J_RESOURCE = "log4j-console.properties";
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(200);

  private final RunDirectory runDir;
  private final ClusterPorts ports;
  private final int slots;
  private final int initialTaskManagers;
  private final Path baseConfig;
  private final Map<String, String> extraConfig;
  private final List<Path> extraClasspath;
  private final Duration readyTimeout;
  private final Duration stopTimeout;
  private final boolean stopOnJvmExit;
  private final boolean tls;
  private final FlinkRest rest;

  /** Processes this JVM started, to notice early exits; others are known only by pid. */
  private final Map<String, Process> children = new LinkedHashMap<>();

  // Known after start(), or read back by attach(); what addTaskManager() needs.
  private String classpath;
  private List<String> taskManagerJvmOptions;
  private List<String> taskManagerArgs;
  private Duration startupTime;

  LocalFlinkCluster(ClusterBuilder b) {
    this.runDir = new RunDirectory(b.runDir);
    this.ports = b.ports;
    this.slots = b.slots;
    this.initialTaskManagers = b.taskManagers;
    this.baseConfig = b.baseConfig;
    this.extraConfig = Map.copyOf(b.extraConfig);
    this.extraClasspath = List.copyOf(b.extraClasspath);
    this.readyTimeout = b.readyTimeout;
    this.stopTimeout = b.stopTimeout;
    this.stopOnJvmExit = b.stopOnJvmExit;
    this.tls = b.tls;
    this.rest = new FlinkRest(restUrl(), tlsClientDir());
  }

  static final String REPORTER_PORT = "metrics.reporter.prom.port";

  public static ClusterBuilder builder() {
    return new ClusterBuilder();
  }

  /**
   * The cluster last started from {@code runDir}, for commands in a later JVM. It may have been
   * stopped since; see {@link #isRunning()}.
   *
   * @throws ClusterException if no cluster was ever started there
   */
  public static LocalFlinkCluster attach(Path runDir) {
    RunDirectory dir = new RunDirectory(runDir);
    Properties state = dir.readState();
    if (state == null) {
      throw new ClusterException(
          "no cluster was started from "
              + dir.root()
              + " (no "
              + dir.stateFile().getFileName()
              + ")");
    }
    ClusterPorts ports =
        new ClusterPorts(
            intOf(state, "rest.port"),
            intOf(state, "jobmanager.rpc.port"),
            intOf(state, "blob.server.port"),
            intOf(state, "taskmanager.rpc.port"),
            intOf(state, "taskmanager.data.port"));
    LocalFlinkCluster cluster =
        builder()
            .runDir(dir.root())
            .ports(ports)
            .taskManagers(intOf(state, "taskmanagers"))
            .slotsPerTaskManager(intOf(state, "slots"))
            .readyTimeout(Duration.ofMillis(intOf(state, "ready-timeout-ms")))
            .stopTimeout(Duration.ofMillis(intOf(state, "stop-timeout-ms")))
            .tls(Boolean.parseBoolean(state.getProperty("tls", "false")))
            .build();
    cluster.classpath = state.getProperty("classpath");
    cluster.taskManagerJvmOptions = lines(state.getProperty("taskmanager.jvm-options"));
    cluster.taskManagerArgs = lines(state.getProperty("taskmanager.args"));
    return cluster;
  }

  /**
   * Starts the JobManager and the TaskManagers and waits until all TaskManagers and their slots are
   * registered. On any failure it stops what it started (logs stay) and throws.
   *
   * @return this, for chaining
   * @throws PortInUseException if a fixed port is taken (checked before anything starts)
   * @throws ClusterException if a cluster from this run directory still runs, or start-up fails or
   *     is not ready within the ready timeout; the message names the log file to read
   */
  public synchronized LocalFlinkCluster start() {
    if (isRunning()) {
      throw new ClusterException(
          "a cluster started from "
              + runDir.root()
              + " is still running (pids "
              + runningPids().values()
              + "); stop it first");
    }
    stopProcesses(
        orphans()); // TaskManagers of a JobManager that is gone would hold memory and ports
    ClusterPorts.requireFree(HOST, ports.jobManagerPorts());
    for (int i = 1; i <= initialTaskManagers; i++) {
      ClusterPorts.requireFree(HOST, ports.taskManagerPorts(i));
    }
    long begin = System.nanoTime();
    if (stopOnJvmExit) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::stopAfterFailure, "stop-local-flink-cluster"));
    }
    try {
      runDir.prepareFresh();
      ClasspathSnapshot snapshot =
          ClasspathSnapshot.take(
              concat(
                  FlinkClasspath.resolve(),
                  FlinkClasspath.launcherEntry(),
                  FlinkClasspath.extraEntries(extraClasspath)),
              runDir.libDir());
      classpath = String.join(File.pathSeparator, snapshot.entries());
      Map<String, String> extra = new LinkedHashMap<>(snapshot.contract());
      if (tls) {
        extra.putAll(ClusterTls.generate(runDir.tlsDir()).flinkConfig());
      }
      extra.putAll(extraConfig);
      FlinkConfig config =
          ClusterConfig.generate(
              baseConfig == null ? FlinkConfig.loadDefault() : FlinkConfig.load(baseConfig),
              extra,
              HOST,
              ports,
              slots,
              runDir.tmpDir());
      config.write(
          runDir.configFile(),
          "Generated by LocalFlinkCluster from "
              + (baseConfig == null ? "flink/conf/config.yaml (bundled)" : baseConfig.toString())
              + " plus its host/port/slot overrides.\nEdit the source, not this copy: it is rewritten on every start.");
      Files.setPosixFilePermissions(
          runDir.configFile(),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      copyResource(LOG4J_RESOURCE, runDir.log4jFile());

      // JobManager first: it boots while the TaskManager parameters are computed.
      ResourceParams jm =
          ResourceParams.compute(ResourceParams.Role.JOBMANAGER, runDir.confDir(), classpath);
      List<String> jmArgs = concat(configDirArgs(), jm.dynamicProperties());
      launch(
          RunDirectory.JOBMANAGER, jvmOptions(jm, config, "jobmanager"), JOBMANAGER_MAIN, jmArgs);

      ResourceParams tm =
          ResourceParams.compute(ResourceParams.Role.TASKMANAGER, runDir.confDir(), classpath);
      taskManagerJvmOptions = jvmOptions(tm, config, "taskmanager");
      taskManagerArgs = concat(configDirArgs(), tm.dynamicProperties());
      writeState();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= initialTaskManagers; i++) {
        names.add(launchTaskManager(i));
      }
      awaitRegistered(names);
      startupTime = Duration.ofNanos(System.nanoTime() - begin);
      return this;
    } catch (IOException e) {
      stopAfterFailure();
      throw new ClusterException(
          "cannot start cluster in " + runDir.root() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stopAfterFailure();
      throw e;
    }
  }

  /**
   * Starts one more TaskManager (with the same settings as the others) and waits until it is
   * registered with its slots.
   *
   * @return its name and resource id, e.g. {@code taskmanager-3}
   */
  public synchronized String addTaskManager() {
    requireRunning();
    cleanTmpOfStoppedTaskManagers();
    int index = runDir.highestTaskManagerIndex() + 1;
    ClusterPorts.requireFree(HOST, ports.taskManagerPorts(index));
    String name;
    try {
      name = launchTaskManager(index);
    } catch (IOException e) {
      throw new ClusterException(
          "cannot start " + RunDirectory.taskManagerName(index) + ": " + e.getMessage(), e);
    }
    try {
      awaitRegistered(List.of(name));
    } catch (RuntimeException e) {
      stopProcesses(Map.of(name, children.get(name).pid()));
      runDir.deletePid(name);
      throw e;
    }
    return name;
  }

  /** REST counts (taskmanagers, slots, running jobs) and the state of every started process. */
  public ClusterStatus status() {
    cleanTmpOfStoppedTaskManagers();
    List<ClusterStatus.ProcessInfo> processes = new ArrayList<>();
    runDir
        .readPids()
        .forEach(
            (name, pid) -> {
              boolean running = isOurs(pid);
              processes.add(
                  new ClusterStatus.ProcessInfo(
                      name, pid, running, running ? ProcessControl.rssBytes(pid) : -1));
            });
    strays()
        .forEach(
            pid ->
                processes.add(
                    new ClusterStatus.ProcessInfo(
                        "stray", pid, true, ProcessControl.rssBytes(pid))));
    return rest.get("/overview")
        .map(
            json ->
                new ClusterStatus(
                    restUrl(),
                    true,
                    field(json, "taskmanagers"),
                    field(json, "slots-total"),
                    field(json, "slots-available"),
                    field(json, "jobs-running"),
                    processes))
        .orElseGet(() -> new ClusterStatus(restUrl(), false, -1, -1, -1, -1, processes));
  }

  /**
   * Stops every process of this cluster (from the pid files, so also those a previous JVM started):
   * SIGTERM, then SIGKILL after the stop timeout. Pids that no longer run our command line are left
   * alone. Idempotent.
   *
   * @return the processes that were stopped, name to pid
   * @throws ClusterException if a process survives SIGKILL
   */
  public synchronized Map<String, Long> stop() {
    Map<String, Long> running = runningPids();
    strays().forEach(pid -> running.put("stray pid " + pid, pid));
    stopProcesses(running);
    runDir.readPids().keySet().forEach(runDir::deletePid);
    try {
      RunDirectory.deleteRecursively(runDir.tmpDir());
      java.nio.file.Files.createDirectories(runDir.tmpDir());
    } catch (IOException e) {
      throw new ClusterException(
          "stopped, but cannot clean " + runDir.tmpDir() + ": " + e.getMessage(), e);
    }
    return running;
  }

  /**
   * Processes of this run directory that run without their JobManager: TaskManagers whose
   * JobManager has exited, and any process whose pid file is gone (e.g. left behind by a crash).
   * {@link #stop()} stops them; {@link #start()} stops them first.
   */
  public Map<String, Long> orphans() {
    Map<String, Long> orphans = new LinkedHashMap<>();
    if (!isRunning()) {
      runningPids()
          .forEach(
              (name, pid) -> {
                if (!name.equals(RunDirectory.JOBMANAGER)) {
                  orphans.put(name, pid);
                }
              });
    }
    strays().forEach(pid -> orphans.put("stray pid " + pid, pid));
    return orphans;
  }

  /** Running processes with this run directory's command-line marker but no pid file. */
  private List<Long> strays() {
    Set<Long> known = new HashSet<>(runDir.readPids().values());
    return ProcessControl.pidsRunningWith(marker()).stream()
        .filter(pid -> !known.contains(pid))
        .toList();
  }

  /**
   * Deletes the temp directories of TaskManagers that no longer run (killed ones leave tens of MB).
   */
  private void cleanTmpOfStoppedTaskManagers() {
    Map<String, Long> running = runningPids();
    try (var dirs = java.nio.file.Files.list(runDir.tmpDir())) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        if (name.startsWith(RunDirectory.TASKMANAGER_PREFIX) && !running.containsKey(name)) {
          RunDirectory.deleteRecursively(dir);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // nothing to clean, or it vanished meanwhile
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** True while the JobManager process of this run directory runs. */
  public boolean isRunning() {
    Long pid = runDir.readPids().get(RunDirectory.JOBMANAGER);
    return pid != null && isOurs(pid);
  }

  /** Running processes of this cluster, name to pid (JobManager first). */
  public Map<String, Long> runningPids() {
    Map<String, Long> running = new LinkedHashMap<>();
    runDir
        .readPids()
        .forEach(
            (name, pid) -> {
              if (isOurs(pid)) {
                running.put(name, pid);
              }
            });
    return running;
  }

  /** E.g. {@code http://127.0.0.1:8081}: REST API and dashboard ({@code https} with TLS). */
  public String restUrl() {
    return (tls ? "https://" : "http://") + HOST + ":" + ports.rest();
  }

  /** Whether the cluster runs with mutual TLS ({@link ClusterTls}). */
  public boolean tls() {
    return tls;
  }

  /**
   * The client credentials a driver passes as {@code --flinkTls} (a directory of mode 0700), or
   * null without TLS.
   */
  public Path tlsClientDir() {
    return tls ? runDir.tlsDir().resolve(ClusterTls.CLIENT_DIR) : null;
  }

  /**
   * Runs a small taskbeam program on every slot (see {@link WarmUpJob}), so the first real program
   * does not pay the TaskManagers' first class loading inside its first sync point. Its output goes
   * to {@code log/warm-up.log}.
   *
   * @return how long it took
   * @throws ClusterException one line naming the log when the job failed or overran
   */
  public synchronized Duration warmUp() {
    requireRunning();
    return ClusterWarmUp.run(this, runDir, classpath, status().slotsTotal());
  }

  /** E.g. {@code 127.0.0.1:8081}: the form Beam's {@code --flinkMaster} takes. */
  public String restAddress() {
    return HOST + ":" + ports.rest();
  }

  public ClusterPorts ports() {
    return ports;
  }

  public int slotsPerTaskManager() {
    return slots;
  }

  public Path runDir() {
    return runDir.root();
  }

  /** The generated config directory, usable as Beam's {@code --flinkConfDir}. */
  public Path configDir() {
    return runDir.confDir();
  }

  /** The log file of a process, e.g. {@code logFile("taskmanager-2")}. */
  public Path logFile(String processName) {
    return runDir.logFile(processName);
  }

  /**
   * How long the last {@link #start()} took until ready; null if this instance did not start it.
   */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * For tests: starts a TaskManager with this cluster's JVM settings but the config directory
   * {@code configDir} (e.g. a copy of {@link #configDir()} with other TLS stores), named {@code
   * name}, logging to {@code log}. It has no pid file: the caller stops it.
   */
  Process startTaskManagerWithConfig(Path configDir, String name, Path log) throws IOException {
    requireRunning();
    List<String> args = new ArrayList<>(taskManagerArgs);
    args.set(args.indexOf(runDir.confDir().toString()), configDir.toString());
    args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
    List<String> options = concat(taskManagerJvmOptions, List.of("-Dlog.file=" + log));
    return FlinkJvm.start(
        FlinkJvm.command(options, classpath, TASKMANAGER_MAIN, args),
        log,
        runDir.root(),
        runDir.pluginsDir());
  }

  // ---------------------------------------------------------------------------------------------

  private String launchTaskManager(int index) throws IOException {
    String name = RunDirectory.taskManagerName(index);
    Path tmp = runDir.taskManagerTmpDir(name);
    RunDirectory.deleteRecursively(tmp);
    java.nio.file.Files.createDirectories(tmp);
    launch(
        name,
        taskManagerJvmOptions,
        TASKMANAGER_MAIN,
        concat(
            taskManagerArgs,
            ClusterConfig.taskManagerArgs(index, ports),
            List.of("-D", "io.tmp.dirs=" + tmp)));
    return name;
  }

  private void launch(String name, List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException {
    Path log = runDir.logFile(name);
    List<String> options = concat(jvmOptions, List.of("-Dlog.file=" + log));
    Process process =
        FlinkJvm.start(
            FlinkJvm.command(options, classpath, mainClass, args),
            log,
            runDir.root(),
            runDir.pluginsDir());
    children.put(name, process);
    runDir.writePid(name, process.pid());
  }

  /** Waits until every named TaskManager is registered and all registered slots are reported. */
  private void awaitRegistered(Collection<String> names) {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (true) {
      requireAlive(names);
      Set<String> registered =
          rest.get("/taskmanagers").map(FlinkRest::taskManagerIds).map(HashSet::new).orElse(null);
      if (registered != null && registered.containsAll(names)) {
        int total = rest.get("/overview").map(json -> field(json, "slots-total")).orElse(-1);
        if (total == registered.size() * slots) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException(notReadyMessage(names, registered));
      }
      ProcessControl.sleep(POLL);
    }
  }

  private String notReadyMessage(Collection<String> names, Set<String> registered) {
    String after = "not ready after " + readyTimeout.toSeconds() + " s: ";
    if (registered == null) {
      return after
          + "REST API "
          + restUrl()
          + " did not answer; see "
          + runDir.logFile(RunDirectory.JOBMANAGER);
    }
    List<String> missing = names.stream().filter(n -> !registered.contains(n)).toList();
    if (missing.isEmpty()) {
      return after
          + "slots of "
          + names
          + " not reported; see "
          + runDir.logFile(RunDirectory.JOBMANAGER);
    }
    return after
        + missing.get(0)
        + " did not register; see "
        + runDir.logFile(missing.get(0))
        + lastError(runDir.logFile(missing.get(0)));
  }

  /** Fails fast, naming the log, when the JobManager or an awaited TaskManager has exited. */
  private void requireAlive(Collection<String> names) {
    for (String name : concat(List.of(RunDirectory.JOBMANAGER), List.copyOf(names))) {
      Process child = children.get(name);
      boolean alive =
          child != null ? child.isAlive() : isOurs(runDir.readPids().getOrDefault(name, -1L));
      if (!alive) {
        String code = child != null ? " with code " + child.exitValue() : "";
        throw new ClusterException(
            name
                + " exited"
                + code
                + " during start-up; see "
                + runDir.logFile(name)
                + lastError(runDir.logFile(name)));
      }
    }
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new ClusterException("no running cluster in " + runDir.root() + "; start one first");
    }
    if (classpath == null) {
      throw new IllegalStateException("cluster was neither started nor attached by this instance");
    }
  }

  private void stopProcesses(Map<String, Long> processes) {
    List<Long> left = ProcessControl.terminate(processes.values(), stopTimeout, KILL_WAIT);
    if (!left.isEmpty()) {
      throw new ClusterException("processes still running after SIGKILL: pids " + left);
    }
  }

  /**
   * Stops, swallowing errors: after a failed start (whose error is the one to report) or at JVM
   * exit.
   */
  private void stopAfterFailure() {
    try {
      stop();
    } catch (RuntimeException suppressed) {
      // nothing better to do
    }
  }

  private boolean isOurs(long pid) {
    return pid > 0 && ProcessControl.isRunningWith(pid, marker());
  }

  /** Our command lines contain "--configDir <conf> " followed by more arguments. */
  private String marker() {
    return "--configDir " + runDir.confDir() + " ";
  }

  private List<String> configDirArgs() {
    return List.of("--configDir", runDir.confDir().toString());
  }

  private List<String> jvmOptions(ResourceParams params, FlinkConfig config, String processKey) {
    return concat(
        params.jvmOptions(),
        FlinkJvm.JAVA_17_FLAGS,
        ClusterConfig.javaOpts(config, processKey),
        List.of("-Dlog4j.configurationFile=" + runDir.log4jFile()));
  }

  private void writeState() throws IOException {
    Properties state = new Properties();
    state.setProperty("rest.port", Integer.toString(ports.rest()));
    state.setProperty("jobmanager.rpc.port", Integer.toString(ports.jobManagerRpc()));
    state.setProperty("blob.server.port", Integer.toString(ports.blob()));
    state.setProperty("taskmanager.rpc.port", Integer.toString(ports.taskManagerRpc()));
    state.setProperty("taskmanager.data.port", Integer.toString(ports.taskManagerData()));
    state.setProperty("taskmanagers", Integer.toString(initialTaskManagers));
    state.setProperty("slots", Integer.toString(slots));
    state.setProperty("ready-timeout-ms", Long.toString(readyTimeout.toMillis()));
    state.setProperty("stop-timeout-ms", Long.toString(stopTimeout.toMillis()));
    state.setProperty("tls", Boolean.toString(tls));
    state.setProperty("classpath", classpath);
    state.setProperty("taskmanager.jvm-options", String.join("\n", taskManagerJvmOptions));
    state.setProperty("taskmanager.args", String.join("\n", taskManagerArgs));
    runDir.writeState(state);
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = LocalFlinkCluster.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClusterException(
            "resource " + resource + " is missing; rebuild with: ./mvnw -pl flink -am compile");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** " (last error: ...)" from the end of a log, or "" if it has none. */
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

  private static int field(String json, String name) {
    return (int) FlinkRest.number(json, name).orElse(-1);
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

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
