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

  static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
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
  private final FlinkRest rest;
  /** Processes this JVM started, to notice early exits; others are known only by pid. */
  private final Map<String, Process> children = new LinkedHashMap<>();

  // Known after start(), or read back by attach(); what addTaskManager() needs.
  private String classpath;
  private List<String> taskManagerJvmOptions;
  private List<String> taskManagerArgs;
  private Duration startupTime;

  private LocalFlinkCluster(Builder b) {
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
    this.rest = new FlinkRest(restUrl());
  }

  private static final String REPORTER_PORT = "metrics.reporter.prom.port";

  public static Builder builder() {
    return new Builder();
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
      throw new ClusterException("no cluster was started from " + dir.root() + " (no " + dir.stateFile().getFileName() + ")");
    }
    ClusterPorts ports = new ClusterPorts(intOf(state, "rest.port"), intOf(state, "jobmanager.rpc.port"),
        intOf(state, "blob.server.port"), intOf(state, "taskmanager.rpc.port"), intOf(state, "taskmanager.data.port"));
    LocalFlinkCluster cluster = builder().runDir(dir.root()).ports(ports)
        .taskManagers(intOf(state, "taskmanagers")).slotsPerTaskManager(intOf(state, "slots"))
        .readyTimeout(Duration.ofMillis(intOf(state, "ready-timeout-ms")))
        .stopTimeout(Duration.ofMillis(intOf(state, "stop-timeout-ms")))
        .build();
    cluster.classpath = state.getProperty("classpath");
    cluster.taskManagerJvmOptions = lines(state.getProperty("taskmanager.jvm-options"));
    cluster.taskManagerArgs = lines(state.getProperty("taskmanager.args"));
    return cluster;
  }

  /**
   * Starts the JobManager and the TaskManagers and waits until all TaskManagers and their slots
   * are registered. On any failure it stops what it started (logs stay) and throws.
   *
   * @return this, for chaining
   * @throws PortInUseException if a fixed port is taken (checked before anything starts)
   * @throws ClusterException if a cluster from this run directory still runs, or start-up fails
   *     or is not ready within the ready timeout; the message names the log file to read
   */
  public synchronized LocalFlinkCluster start() {
    if (isRunning()) {
      throw new ClusterException("a cluster started from " + runDir.root() + " is still running (pids "
          + runningPids().values() + "); stop it first");
    }
    ClusterPorts.requireFree(HOST, ports.jobManagerPorts());
    for (int i = 1; i <= initialTaskManagers; i++) {
      ClusterPorts.requireFree(HOST, ports.taskManagerPorts(i));
    }
    long begin = System.nanoTime();
    if (stopOnJvmExit) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::stopAfterFailure, "stop-local-flink-cluster"));
    }
    try {
      runDir.prepareFresh();
      ClasspathSnapshot snapshot = ClasspathSnapshot.take(
          concat(FlinkClasspath.resolve(), FlinkClasspath.extraEntries(extraClasspath)),
          runDir.libDir());
      classpath = String.join(File.pathSeparator, snapshot.entries());
      Map<String, String> extra = new LinkedHashMap<>(snapshot.contract());
      extra.putAll(extraConfig);
      FlinkConfig config = ClusterConfig.generate(
          baseConfig == null ? FlinkConfig.loadDefault() : FlinkConfig.load(baseConfig),
          extra, HOST, ports, slots, runDir.tmpDir());
      config.write(runDir.configFile(), "Generated by LocalFlinkCluster from "
          + (baseConfig == null ? "flink/conf/config.yaml (bundled)" : baseConfig.toString())
          + " plus its host/port/slot overrides.\nEdit the source, not this copy: it is rewritten on every start.");
      copyResource(LOG4J_RESOURCE, runDir.log4jFile());

      // JobManager first: it boots while the TaskManager parameters are computed.
      ResourceParams jm = ResourceParams.compute(ResourceParams.Role.JOBMANAGER, runDir.confDir(), classpath);
      List<String> jmArgs = concat(configDirArgs(), jm.dynamicProperties());
      launch(RunDirectory.JOBMANAGER, jvmOptions(jm, config, "jobmanager"), JOBMANAGER_MAIN, jmArgs);

      ResourceParams tm = ResourceParams.compute(ResourceParams.Role.TASKMANAGER, runDir.confDir(), classpath);
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
      throw new ClusterException("cannot start cluster in " + runDir.root() + ": " + e.getMessage(), e);
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
    int index = runDir.highestTaskManagerIndex() + 1;
    ClusterPorts.requireFree(HOST, ports.taskManagerPorts(index));
    String name;
    try {
      name = launchTaskManager(index);
    } catch (IOException e) {
      throw new ClusterException("cannot start " + RunDirectory.taskManagerName(index) + ": " + e.getMessage(), e);
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
    List<ClusterStatus.ProcessInfo> processes = new ArrayList<>();
    runDir.readPids().forEach((name, pid) -> {
      boolean running = isOurs(pid);
      processes.add(new ClusterStatus.ProcessInfo(name, pid, running, running ? ProcessControl.rssBytes(pid) : -1));
    });
    return rest.get("/overview")
        .map(json -> new ClusterStatus(restUrl(), true, field(json, "taskmanagers"), field(json, "slots-total"),
            field(json, "slots-available"), field(json, "jobs-running"), processes))
        .orElseGet(() -> new ClusterStatus(restUrl(), false, -1, -1, -1, -1, processes));
  }

  /**
   * Stops every process of this cluster (from the pid files, so also those a previous JVM
   * started): SIGTERM, then SIGKILL after the stop timeout. Pids that no longer run our command
   * line are left alone. Idempotent.
   *
   * @return the processes that were stopped, name to pid
   * @throws ClusterException if a process survives SIGKILL
   */
  public synchronized Map<String, Long> stop() {
    Map<String, Long> running = runningPids();
    stopProcesses(running);
    runDir.readPids().keySet().forEach(runDir::deletePid);
    return running;
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
    runDir.readPids().forEach((name, pid) -> {
      if (isOurs(pid)) {
        running.put(name, pid);
      }
    });
    return running;
  }

  /** E.g. {@code http://127.0.0.1:8081}: REST API and dashboard. */
  public String restUrl() {
    return "http://" + HOST + ":" + ports.rest();
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

  /** How long the last {@link #start()} took until ready; null if this instance did not start it. */
  public Duration startupTime() {
    return startupTime;
  }

  // ---------------------------------------------------------------------------------------------

  private String launchTaskManager(int index) throws IOException {
    String name = RunDirectory.taskManagerName(index);
    launch(name, taskManagerJvmOptions, TASKMANAGER_MAIN, concat(taskManagerArgs, ClusterConfig.taskManagerArgs(index, ports)));
    return name;
  }

  private void launch(String name, List<String> jvmOptions, String mainClass, List<String> args) throws IOException {
    Path log = runDir.logFile(name);
    List<String> options = concat(jvmOptions, List.of("-Dlog.file=" + log));
    Process process = FlinkJvm.start(FlinkJvm.command(options, classpath, mainClass, args), log,
        runDir.root(), runDir.pluginsDir());
    children.put(name, process);
    runDir.writePid(name, process.pid());
  }

  /** Waits until every named TaskManager is registered and all registered slots are reported. */
  private void awaitRegistered(Collection<String> names) {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (true) {
      requireAlive(names);
      Set<String> registered = rest.get("/taskmanagers").map(FlinkRest::taskManagerIds).map(HashSet::new).orElse(null);
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
      return after + "REST API " + restUrl() + " did not answer; see " + runDir.logFile(RunDirectory.JOBMANAGER);
    }
    List<String> missing = names.stream().filter(n -> !registered.contains(n)).toList();
    if (missing.isEmpty()) {
      return after + "slots of " + names + " not reported; see " + runDir.logFile(RunDirectory.JOBMANAGER);
    }
    return after + missing.get(0) + " did not register; see " + runDir.logFile(missing.get(0))
        + lastError(runDir.logFile(missing.get(0)));
  }

  /** Fails fast, naming the log, when the JobManager or an awaited TaskManager has exited. */
  private void requireAlive(Collection<String> names) {
    for (String name : concat(List.of(RunDirectory.JOBMANAGER), List.copyOf(names))) {
      Process child = children.get(name);
      boolean alive = child != null ? child.isAlive() : isOurs(runDir.readPids().getOrDefault(name, -1L));
      if (!alive) {
        String code = child != null ? " with code " + child.exitValue() : "";
        throw new ClusterException(name + " exited" + code + " during start-up; see " + runDir.logFile(name)
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

  /** Stops, swallowing errors: after a failed start (whose error is the one to report) or at JVM exit. */
  private void stopAfterFailure() {
    try {
      stop();
    } catch (RuntimeException suppressed) {
      // nothing better to do
    }
  }

  private boolean isOurs(long pid) {
    // Our command lines contain "--configDir <conf> " followed by more arguments.
    return pid > 0 && ProcessControl.isRunningWith(pid, "--configDir " + runDir.confDir() + " ");
  }

  private List<String> configDirArgs() {
    return List.of("--configDir", runDir.confDir().toString());
  }

  private List<String> jvmOptions(ResourceParams params, FlinkConfig config, String processKey) {
    return concat(params.jvmOptions(), FlinkJvm.JAVA_17_FLAGS, ClusterConfig.javaOpts(config, processKey),
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
    state.setProperty("classpath", classpath);
    state.setProperty("taskmanager.jvm-options", String.join("\n", taskManagerJvmOptions));
    state.setProperty("taskmanager.args", String.join("\n", taskManagerArgs));
    runDir.writeState(state);
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = LocalFlinkCluster.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClusterException("resource " + resource + " is missing; rebuild with: ./mvnw -pl flink -am compile");
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
          return " (last error: " + (trimmed.length() > 240 ? trimmed.substring(0, 240) + "..." : trimmed) + ")";
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

  /** Settings of a new cluster; every setting has a working default. */
  public static final class Builder {
    private Path runDir = Path.of("flink", "run");
    private int taskManagers = 1;
    private int slots = 1;
    private ClusterPorts ports = ClusterPorts.defaults();
    private Path baseConfig;
    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private final List<Path> extraClasspath = new ArrayList<>();
    private Duration readyTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(15);
    private boolean stopOnJvmExit;

    private Builder() {}

    /** Where config, logs and pid files go; default {@code flink/run} (relative to the working dir). */
    public Builder runDir(Path dir) {
      this.runDir = dir;
      return this;
    }

    /** TaskManagers started by {@link #start()}; default 1. */
    public Builder taskManagers(int count) {
      this.taskManagers = positive("taskManagers", count);
      return this;
    }

    /** Task slots per TaskManager; default 1. */
    public Builder slotsPerTaskManager(int count) {
      this.slots = positive("slotsPerTaskManager", count);
      return this;
    }

    /** All ports; default {@link ClusterPorts#defaults()}. */
    public Builder ports(ClusterPorts ports) {
      this.ports = ports;
      return this;
    }

    /** Only the REST port; default 8081. */
    public Builder restPort(int port) {
      this.ports = ports.withRest(port);
      return this;
    }

    /** Free loopback ports ({@link ClusterPorts#free()}), for tests. */
    public Builder freePorts() {
      this.ports = ClusterPorts.free();
      // The Prometheus reporter (on in flink/conf/config.yaml) gets free ports too, so that
      // clusters started by tests never compete for 9249-9259: each JVM takes the first free one.
      this.extraConfig.putIfAbsent(REPORTER_PORT, Arrays.stream(ClusterPorts.freeLoopbackPorts(6))
          .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")));
      return this;
    }

    /** A base config file instead of the bundled {@code flink/conf/config.yaml}. */
    public Builder baseConfig(Path file) {
      this.baseConfig = file;
      return this;
    }

    /** One extra config entry (reporters, TLS, ...); hosts, ports and slots are set through this builder. */
    public Builder config(String key, String value) {
      this.extraConfig.put(key, value);
      return this;
    }

    /** Jars or directories (classes and the jars in them) appended to every Flink JVM's classpath. */
    public Builder extraClasspath(Path... entries) {
      this.extraClasspath.addAll(List.of(entries));
      return this;
    }

    /** How long start-up and {@code addTaskManager} may take; default 60 s. */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** How long {@code stop} waits after SIGTERM before SIGKILL; default 15 s. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = timeout;
      return this;
    }

    /**
     * Whether {@link #start()} registers a JVM shutdown hook that stops the cluster, so a test JVM
     * that is killed (SIGTERM, e.g. a surefire timeout) or exits early leaves no Flink processes
     * behind; default false (the CLI's cluster must outlive the CLI).
     */
    public Builder stopOnJvmExit(boolean enabled) {
      this.stopOnJvmExit = enabled;
      return this;
    }

    /** A cluster with these settings, not yet started. */
    public LocalFlinkCluster build() {
      ports.taskManagerPorts(taskManagers); // fails early if the TaskManager port range overflows
      ClusterConfig.generate(new FlinkConfig(), extraConfig, HOST, ports, slots, Path.of("tmp"));
      return new LocalFlinkCluster(this);
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
