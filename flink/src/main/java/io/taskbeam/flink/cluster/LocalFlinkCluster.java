package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Flink 1.19 standalone session cluster on this machine: one JobManager JVM and N TaskManager
 * JVMs, bound to 127.0.0.1, with all files in one run directory (see {@link ClusterDirectory}).
 * This class holds the life cycle (start, add a TaskManager, status, stop); its parts are the files
 * written before start ({@link ClusterSetup}), the processes and their pids ({@link
 * ClusterProcesses}), the wait until ready ({@link ClusterReadiness}) and what a later command
 * reads back ({@link ClusterState}).
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
  /** The address every process binds to and advertises unless {@link ClusterBuilder#host} says. */
  public static final String HOST = "127.0.0.1";

  static final String LOG4J_RESOURCE = "log4j-console.properties";
  static final String REPORTER_PORT = "metrics.reporter.prom.port";

  private final ClusterDirectory runDir;
  private final String host;
  private final ClusterPorts ports;
  private final int slots;
  private final int initialTaskManagers;
  private final Duration readyTimeout;
  private final Duration stopTimeout;
  private final boolean stopOnJvmExit;
  private final boolean tls;
  private final FlinkRest rest;
  private final ClusterProcesses processes;
  private final ClusterSetup setup;
  private final ClusterReadiness readiness;
  private final int maxRestarts;

  // Known after start(), or read back by attach(); what addTaskManager() needs.
  private String classpath;
  private List<String> taskManagerJvmOptions;
  private List<String> taskManagerArgs;
  private List<String> jobManagerJvmOptions;
  private List<String> jobManagerArgs;
  private Duration startupTime;

  LocalFlinkCluster(ClusterBuilder b) {
    this.runDir = new ClusterDirectory(b.runDir);
    this.host = b.host;
    this.ports = b.ports;
    this.slots = b.slots;
    this.initialTaskManagers = b.taskManagers;
    this.readyTimeout = b.readyTimeout;
    this.stopTimeout = b.stopTimeout;
    this.stopOnJvmExit = b.stopOnJvmExit;
    this.tls = b.tls;
    this.rest = new FlinkRest(restUrl(), tlsClientDir());
    this.processes = new ClusterProcesses(runDir, stopTimeout);
    this.setup = new ClusterSetup(runDir, b);
    this.readiness = new ClusterReadiness(rest, processes, runDir, slots, readyTimeout);
    this.maxRestarts = b.maxRestarts;
  }

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
    ClusterDirectory dir = new ClusterDirectory(runDir);
    ClusterState state = dir.readState();
    if (state == null) {
      throw new ClusterException(
          "no cluster was started from "
              + dir.root()
              + " (no "
              + dir.stateFile().getFileName()
              + ")");
    }
    LocalFlinkCluster cluster =
        builder()
            .runDir(dir.root())
            .host(state.host())
            .ports(state.ports())
            .taskManagers(state.taskManagers())
            .slotsPerTaskManager(state.slots())
            .readyTimeout(state.readyTimeout())
            .stopTimeout(state.stopTimeout())
            .tls(state.tls())
            .build();
    cluster.classpath = state.classpath();
    cluster.taskManagerJvmOptions = state.taskManagerJvmOptions();
    cluster.taskManagerArgs = state.taskManagerArgs();
    cluster.jobManagerJvmOptions = state.jobManagerJvmOptions();
    cluster.jobManagerArgs = state.jobManagerArgs();
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
    processes.stop(orphans()); // TaskManagers of a JobManager gone would hold memory and ports
    ClusterPorts.requireFree(host, ports.jobManagerPorts());
    for (int i = 1; i <= initialTaskManagers; i++) {
      ClusterPorts.requireFree(host, ports.taskManagerPorts(i));
    }
    long begin = System.nanoTime();
    if (stopOnJvmExit) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::stopAfterFailure, "stop-local-flink-cluster"));
    }
    try {
      ClusterSetup.Prepared prepared = setup.write();
      classpath = prepared.classpath();
      FlinkConfig config = prepared.config();

      // JobManager first: it boots while the TaskManager parameters are computed.
      ResourceParams.Role jmRole = ResourceParams.Role.JOBMANAGER;
      ResourceParams jm = ResourceParams.compute(jmRole, runDir.confDir(), classpath);
      jobManagerJvmOptions = jvmOptions(jm, config, jmRole);
      jobManagerArgs = concat(configDirArgs(), jm.dynamicProperties());
      processes.launch(
          ClusterDirectory.JOBMANAGER,
          jobManagerJvmOptions,
          classpath,
          jmRole.mainClass(),
          jobManagerArgs);

      ResourceParams.Role tmRole = ResourceParams.Role.TASKMANAGER;
      ResourceParams tm = ResourceParams.compute(tmRole, runDir.confDir(), classpath);
      taskManagerJvmOptions = jvmOptions(tm, config, tmRole);
      taskManagerArgs = concat(configDirArgs(), tm.dynamicProperties());
      runDir.writeState(
          new ClusterState(
              host,
              ports,
              initialTaskManagers,
              slots,
              readyTimeout,
              stopTimeout,
              tls,
              classpath,
              taskManagerJvmOptions,
              taskManagerArgs,
              jobManagerJvmOptions,
              jobManagerArgs));
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= initialTaskManagers; i++) {
        names.add(launchTaskManager(i));
      }
      readiness.await(names);
      if (maxRestarts > 0) {
        processes.launch(
            ClusterDirectory.SUPERVISOR,
            ClusterSupervisor.JVM_OPTIONS,
            classpath,
            ClusterSupervisor.class.getName(),
            ClusterSupervisor.args(runDir.confDir(), maxRestarts, ClusterSupervisor.WINDOW));
      }
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
    processes.cleanTmpOfStoppedTaskManagers();
    int index = runDir.highestTaskManagerIndex() + 1;
    ClusterPorts.requireFree(host, ports.taskManagerPorts(index));
    String name;
    try {
      name = launchTaskManager(index);
    } catch (IOException e) {
      throw new ClusterException(
          "cannot start " + ClusterDirectory.taskManagerName(index) + ": " + e.getMessage(), e);
    }
    try {
      readiness.await(List.of(name));
    } catch (RuntimeException e) {
      processes.stopStarted(name);
      throw e;
    }
    return name;
  }

  /**
   * Drains and stops a TaskManager without failing a task ({@link TaskManagerDrain}): {@code name}
   * null for the newest TaskManager this run directory started; {@code pid} null for the one in its
   * pid file (a TaskManager on another host, joined with {@link #taskManagerCommand}, has none:
   * give the pid of its process, on the host this runs on). Returns one line saying what happened.
   */
  public String removeTaskManager(String name, Long pid, String signal, Duration timeout) {
    requireAttached(); // the JobManager may run on another host: its REST API answers for it
    return new TaskManagerDrain(runDir.root(), rest)
        .remove(runDir, name, pid, signal, timeout, stopTimeout);
  }

  /**
   * Waits until at least {@code count} TaskManagers are registered, wherever they run (e.g. joined
   * from other hosts with {@link #taskManagerCommand}), asking the REST API every 200 ms.
   *
   * @return their resource ids
   * @throws ClusterException when the JobManager exits or {@code timeout} passes, naming the log
   */
  public List<String> awaitTaskManagers(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> registered = List.of();
    while (true) {
      if (!isRunning()) {
        throw new ClusterException(
            "the JobManager of "
                + runDir.root()
                + " is not running; see "
                + runDir.logFile(ClusterDirectory.JOBMANAGER));
      }
      registered = rest.get("/taskmanagers").map(FlinkRest::taskManagerIds).orElse(registered);
      if (registered.size() >= count) {
        return registered.stream().sorted().toList();
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException(
            "only "
                + registered.size()
                + " of "
                + count
                + " taskmanager(s) registered after "
                + timeout.toSeconds()
                + " s ("
                + registered
                + "); see the taskmanager logs in "
                + runDir.logDir());
      }
      ProcessControl.sleep(Duration.ofMillis(200));
    }
  }

  /**
   * Starts process {@code name} (the JobManager or a TaskManager of this cluster, dead) again as it
   * was started: same command line, so same ports and config; its log is appended to. Waits up to
   * {@link #PORT_WAIT} for the ports of the dead process to be free first. For the {@link
   * ClusterSupervisor}.
   *
   * @return the new pid
   */
  synchronized long restart(String name) throws IOException {
    requireAttached();
    if (name.equals(ClusterDirectory.JOBMANAGER)) {
      if (jobManagerArgs.isEmpty()) {
        throw new ClusterException(
            "the state file of " + runDir.root() + " predates restarts; start the cluster again");
      }
      ClusterPorts.awaitFree(host, ports.jobManagerPorts(), PORT_WAIT);
      processes.launch(
          name,
          jobManagerJvmOptions,
          classpath,
          ResourceParams.Role.JOBMANAGER.mainClass(),
          jobManagerArgs,
          true);
    } else {
      int index = Integer.parseInt(name.substring(ClusterDirectory.TASKMANAGER_PREFIX.length()));
      ClusterPorts.awaitFree(host, ports.taskManagerPorts(index), PORT_WAIT);
      launchTaskManager(index, true);
    }
    return runDir.readPids().get(name);
  }

  /** How long a restart waits for the ports of the process it replaces to be free. */
  static final Duration PORT_WAIT = Duration.ofSeconds(15);

  /** The processes the supervisor watches (pid files of the JobManager and TaskManagers). */
  Map<String, Long> supervisedPids() {
    Map<String, Long> pids = new java.util.LinkedHashMap<>(runDir.readPids());
    pids.remove(ClusterDirectory.SUPERVISOR);
    return pids;
  }

  /** Whether {@code pid} still runs a process of this cluster. */
  boolean runs(long pid) {
    return processes.isOurs(pid);
  }

  /** REST counts (taskmanagers, slots, running jobs) and the state of every started process. */
  public ClusterStatus status() {
    processes.cleanTmpOfStoppedTaskManagers();
    List<ClusterStatus.ProcessInfo> infos = processes.describe();
    List<String> restarts =
        ClusterSupervisor.restartLines(runDir.logFile(ClusterDirectory.SUPERVISOR));
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
                    infos,
                    restarts))
        .orElseGet(() -> new ClusterStatus(restUrl(), false, -1, -1, -1, -1, infos, restarts));
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
    return processes.stopAll();
  }

  /**
   * Processes of this run directory that run without their JobManager: TaskManagers whose
   * JobManager has exited, and any process whose pid file is gone (e.g. left behind by a crash).
   * {@link #stop()} stops them; {@link #start()} stops them first.
   */
  public Map<String, Long> orphans() {
    return processes.orphans();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** True while the JobManager process of this run directory runs. */
  public boolean isRunning() {
    return processes.jobManagerRunning();
  }

  /** Running processes of this cluster, name to pid (JobManager first). */
  public Map<String, Long> runningPids() {
    return processes.running();
  }

  /** E.g. {@code http://127.0.0.1:8081}: REST API and dashboard ({@code https} with TLS). */
  public String restUrl() {
    return (tls ? "https://" : "http://") + host + ":" + ports.rest();
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
    return host + ":" + ports.rest();
  }

  /** The address the JobManager binds to and advertises ({@link ClusterBuilder#host}). */
  public String host() {
    return host;
  }

  /**
   * The command line of one more TaskManager of this cluster that runs in the foreground on another
   * host seeing the run directory (a shared disk): {@code env FLINK_PLUGINS_DIR=... java ...},
   * bound to and advertising {@code address}, with resource id {@code name}, temp files in {@code
   * tmpDir} and Flink's log file {@code log}. The caller runs it (e.g. with {@code srun} on each
   * node) and ends it with SIGTERM; it has no pid file, so {@link #stop()} does not know it.
   */
  public List<String> taskManagerCommand(String name, String address, Path tmpDir, Path log) {
    requireRunning();
    List<String> args = new ArrayList<>(taskManagerArgs);
    args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
    args.addAll(List.of("-D", "taskmanager.host=" + address));
    args.addAll(List.of("-D", "taskmanager.bind-host=" + address));
    args.addAll(List.of("-D", "io.tmp.dirs=" + tmpDir));
    ports.taskManagerPorts(1).forEach((key, port) -> args.addAll(List.of("-D", key + "=" + port)));
    List<String> command =
        new ArrayList<>(List.of("env", "FLINK_PLUGINS_DIR=" + runDir.pluginsDir()));
    command.addAll(
        FlinkJvm.command(
            concat(taskManagerJvmOptions, List.of("-Dlog.file=" + log)),
            classpath,
            ResourceParams.Role.TASKMANAGER.mainClass(),
            args));
    return command;
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
        FlinkJvm.command(options, classpath, ResourceParams.Role.TASKMANAGER.mainClass(), args),
        log,
        runDir.root(),
        runDir.pluginsDir());
  }

  // ---------------------------------------------------------------------------------------------

  private String launchTaskManager(int index) throws IOException {
    return launchTaskManager(index, false);
  }

  private String launchTaskManager(int index, boolean restart) throws IOException {
    String name = ClusterDirectory.taskManagerName(index);
    Path tmp = runDir.taskManagerTmpDir(name);
    ClusterDirectory.deleteRecursively(tmp);
    java.nio.file.Files.createDirectories(tmp);
    processes.launch(
        name,
        taskManagerJvmOptions,
        classpath,
        ResourceParams.Role.TASKMANAGER.mainClass(),
        concat(
            taskManagerArgs,
            ClusterConfig.taskManagerArgs(index, ports),
            List.of("-D", "io.tmp.dirs=" + tmp)),
        restart);
    return name;
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new ClusterException("no running cluster in " + runDir.root() + "; start one first");
    }
    requireAttached();
  }

  private void requireAttached() {
    if (classpath == null) {
      throw new IllegalStateException("cluster was neither started nor attached by this instance");
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

  private List<String> configDirArgs() {
    return List.of("--configDir", runDir.confDir().toString());
  }

  private List<String> jvmOptions(
      ResourceParams params, FlinkConfig config, ResourceParams.Role role) {
    return concat(
        params.jvmOptions(),
        FlinkJvm.JAVA_17_FLAGS,
        config.javaOptions(role.configKey()),
        List.of("-Dlog4j.configurationFile=" + runDir.log4jFile()));
  }

  private static int field(String json, String name) {
    return (int) FlinkRest.number(json, name).orElse(-1);
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
