package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVMs of one local cluster: starting them with a pid file each, telling which pids are still
 * this cluster's (their command line names its config directory, so a reused pid is never taken for
 * ours), and stopping them (SIGTERM, then SIGKILL after a bound). A later JVM knows the processes
 * only by their pid files; the one that started them also holds their {@link Process} handles.
 */
final class ClusterProcesses {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final ClusterDirectory dir;
  private final Duration stopTimeout;

  /** Processes this JVM started, to notice early exits; others are known only by pid. */
  private final Map<String, Process> children = new LinkedHashMap<>();

  ClusterProcesses(ClusterDirectory dir, Duration stopTimeout) {
    this.dir = dir;
    this.stopTimeout = stopTimeout;
  }

  /** Starts process {@code name}, logging to its log file, and writes its pid file. */
  void launch(
      String name, List<String> jvmOptions, String classpath, String mainClass, List<String> args)
      throws IOException {
    launch(name, jvmOptions, classpath, mainClass, args, false);
  }

  /** As above; {@code restart}: the log is appended to, not truncated. */
  void launch(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      boolean restart)
      throws IOException {
    Path log = dir.logFile(name);
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlog.file=" + log);
    Process process =
        FlinkJvm.start(
            FlinkJvm.command(options, classpath, mainClass, args),
            log,
            dir.root(),
            dir.pluginsDir(),
            restart);
    children.put(name, process);
    dir.writePid(name, process.pid());
  }

  /** True while the JobManager of this cluster directory runs. */
  boolean jobManagerRunning() {
    Long pid = dir.readPids().get(ClusterDirectory.JOBMANAGER);
    return pid != null && isOurs(pid);
  }

  /** Running processes with a pid file, name to pid (JobManager first). */
  Map<String, Long> running() {
    Map<String, Long> running = new LinkedHashMap<>();
    dir.readPids()
        .forEach(
            (name, pid) -> {
              if (isOurs(pid)) {
                running.put(name, pid);
              }
            });
    return running;
  }

  /**
   * Processes that run without their JobManager: TaskManagers whose JobManager has exited, and any
   * process whose pid file is gone ("stray pid N").
   */
  Map<String, Long> orphans() {
    Map<String, Long> orphans = new LinkedHashMap<>();
    if (!jobManagerRunning()) {
      running()
          .forEach(
              (name, pid) -> {
                if (!name.equals(ClusterDirectory.JOBMANAGER)) {
                  orphans.put(name, pid);
                }
              });
    }
    strays().forEach(pid -> orphans.put("stray pid " + pid, pid));
    return orphans;
  }

  /** Every process with a pid file (running or not, with its memory), then the strays. */
  List<ClusterStatus.ProcessInfo> describe() {
    List<ClusterStatus.ProcessInfo> infos = new ArrayList<>();
    dir.readPids()
        .forEach(
            (name, pid) -> {
              boolean running = isOurs(pid);
              long rss = running ? ProcessControl.rssBytes(pid) : -1;
              infos.add(new ClusterStatus.ProcessInfo(name, pid, running, rss));
            });
    for (long pid : strays()) {
      infos.add(new ClusterStatus.ProcessInfo("stray", pid, true, ProcessControl.rssBytes(pid)));
    }
    return infos;
  }

  /** Running processes with this cluster's command-line marker but no pid file. */
  private List<Long> strays() {
    Set<Long> known = new HashSet<>(dir.readPids().values());
    return ProcessControl.pidsRunningWith(marker()).stream()
        .filter(pid -> !known.contains(pid))
        .toList();
  }

  /**
   * Stops every process of the cluster, strays included, deletes the pid files and empties {@code
   * tmp/}; returns what was stopped, name to pid.
   */
  Map<String, Long> stopAll() {
    // The supervisor first, and alone: it would restart what is being stopped.
    Map<String, Long> supervisor = new LinkedHashMap<>();
    Long supervisorPid = running().get(ClusterDirectory.SUPERVISOR);
    if (supervisorPid != null) {
      supervisor.put(ClusterDirectory.SUPERVISOR, supervisorPid);
      stop(supervisor);
    }
    Map<String, Long> rest = running();
    strays().forEach(pid -> rest.put("stray pid " + pid, pid));
    stop(rest);
    Map<String, Long> running = new LinkedHashMap<>(supervisor);
    running.putAll(rest);
    dir.readPids().keySet().forEach(dir::deletePid);
    try {
      ClusterDirectory.deleteRecursively(dir.tmpDir());
      Files.createDirectories(dir.tmpDir());
    } catch (IOException e) {
      throw new ClusterException(
          "stopped, but cannot clean " + dir.tmpDir() + ": " + e.getMessage(), e);
    }
    return running;
  }

  /**
   * Stops {@code processes} (name to pid).
   *
   * @throws ClusterException naming the pids that survive SIGKILL
   */
  void stop(Map<String, Long> processes) {
    List<Long> left = ProcessControl.terminate(processes.values(), stopTimeout, KILL_WAIT);
    if (!left.isEmpty()) {
      throw new ClusterException("processes still running after SIGKILL: pids " + left);
    }
  }

  /** Stops one process this JVM started and deletes its pid file (a TaskManager that failed). */
  void stopStarted(String name) {
    stop(Map.of(name, children.get(name).pid()));
    dir.deletePid(name);
  }

  /** Deletes the temp directories of TaskManagers that no longer run (killed ones leave MBs). */
  void cleanTmpOfStoppedTaskManagers() {
    Map<String, Long> running = running();
    try (var dirs = Files.list(dir.tmpDir())) {
      for (Path tmp : dirs.toList()) {
        String name = tmp.getFileName().toString();
        if (name.startsWith(ClusterDirectory.TASKMANAGER_PREFIX) && !running.containsKey(name)) {
          ClusterDirectory.deleteRecursively(tmp);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // nothing to clean, or it vanished meanwhile
    }
  }

  /**
   * Fails fast, naming the log, when the JobManager or one of {@code names} has exited.
   *
   * @throws ClusterException one line with the exit code (when this JVM started it) and the log
   */
  void requireAlive(Collection<String> names) {
    List<String> all = new ArrayList<>();
    all.add(ClusterDirectory.JOBMANAGER);
    all.addAll(names);
    for (String name : all) {
      Process child = children.get(name);
      boolean alive =
          child != null ? child.isAlive() : isOurs(dir.readPids().getOrDefault(name, -1L));
      if (!alive) {
        String code = child != null ? " with code " + child.exitValue() : "";
        throw new ClusterException(
            name
                + " exited"
                + code
                + " during start-up; see "
                + dir.logFile(name)
                + ClusterDirectory.lastError(dir.logFile(name)));
      }
    }
  }

  /** Whether {@code pid} runs a process of this cluster (its command line names our config). */
  boolean isOurs(long pid) {
    return pid > 0 && ProcessControl.isRunningWith(pid, marker());
  }

  /** Our command lines contain "--configDir <conf> " followed by more arguments. */
  private String marker() {
    return "--configDir " + dir.confDir() + " ";
  }
}
