package io.taskbeam.flink.cluster;

import io.taskbeam.flink.spi.WorkerLeaving;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Takes one TaskManager out of a running cluster without failing a task ({@code cluster
 * remove-taskmanager}): marks it as leaving, waits until every driver of the cluster has stopped
 * submitting jobs and none of its jobs runs ({@link WorkerLeaving}), then until the TaskManager has
 * no busy slot, then stops it and, once Flink no longer lists it, removes the marks. Every wait is
 * bounded by the timeout; past it the TaskManager is stopped anyway, and the line says so.
 *
 * <p>Why not Flink alone: a standalone session cluster of Flink 1.19 has no call that keeps new
 * tasks off one TaskManager, so an idle TaskManager could be handed a new job's task in the very
 * moment it is stopped. Only the drivers submit jobs; holding their next job closes that gap.
 *
 * <p>Two ways to use it: {@link #remove} stops the TaskManager itself ({@code cluster
 * remove-taskmanager}); {@link #drainForStop} only drains, for a TaskManager that something else
 * stops right after (a Kubernetes pod's preStop hook, after which the kubelet sends SIGTERM).
 */
public final class TaskManagerDrain {
  /** How long a drain waits by default for the drivers and for running tasks. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** How long a stopped TaskManager may take to leave Flink's list. */
  static final Duration GONE_WAIT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(100);

  private final Path runDir;
  private final FlinkRest rest;

  TaskManagerDrain(Path runDir, FlinkRest rest) {
    this.runDir = runDir;
    this.rest = rest;
  }

  /**
   * The drain of the cluster whose run directory is {@code runDir} and whose JobManager answers
   * REST calls (plain HTTP) at {@code restBaseUrl}, e.g. {@code http://rel-jobmanager:8081}.
   */
  public static TaskManagerDrain of(Path runDir, String restBaseUrl) {
    return new TaskManagerDrain(runDir, new FlinkRest(restBaseUrl, null));
  }

  /**
   * How long the drivers hold their jobs for a drain of {@code timeout}: the drain's bound and a
   * margin, so a drain of long tasks is not cut short by the drivers' default (2 minutes).
   */
  private static Duration holdFor(Duration timeout) {
    return timeout.plusSeconds(30);
  }

  /**
   * Drains {@code name} for a stop that comes from outside right after (a Kubernetes preStop hook:
   * the kubelet sends SIGTERM once it returns): marks it as leaving and waits as {@link #remove}
   * does, within {@code timeout}, but stops nothing and leaves the mark, so the drivers keep
   * holding their next job until Flink no longer lists the TaskManager (a driver stops holding for
   * a TaskManager Flink no longer lists). Marks of earlier such leaves, of TaskManagers Flink no
   * longer lists, are removed first. A JobManager that stops answering for {@code answerWait} ends
   * the drain at once (the whole cluster is going away, e.g. {@code helm uninstall}). Returns one
   * line saying what happened.
   *
   * @throws ClusterException when the JobManager does not answer within {@code answerWait}
   */
  public String drainForStop(String name, Duration timeout, Duration answerWait) {
    long start = System.nanoTime();
    List<String> ids = registered(answerWait);
    for (String earlier : WorkerLeaving.leaving(runDir)) {
      if (!ids.contains(earlier)) {
        WorkerLeaving.clear(runDir, earlier);
      }
    }
    if (!ids.contains(name)) {
      return name + " is not registered with the JobManager: nothing to drain";
    }
    WorkerLeaving.write(
        WorkerLeaving.marker(runDir, name),
        WorkerLeaving.markerText("stopped from outside", holdFor(timeout)));
    Waited waited = await(name, start + timeout.toNanos(), jobManagerSilentFor(answerWait));
    return name + waited.describe(start, timeout);
  }

  /**
   * Drains and stops a TaskManager of the cluster in {@code dir}: {@code name} null for the newest
   * one with a pid file there, {@code pid} null for the pid in its pid file.
   */
  String remove(
      ClusterDirectory dir,
      String name,
      Long pid,
      String signal,
      Duration timeout,
      Duration grace) {
    Map<String, Long> pids = dir.readPids();
    String tm = name;
    if (tm == null) {
      int index = dir.highestTaskManagerIndex();
      if (index == 0) {
        throw new ClusterException("no TaskManager of " + dir.root() + " has a pid file");
      }
      tm = ClusterDirectory.taskManagerName(index);
    }
    Long process = pid != null ? pid : pids.get(tm);
    if (process == null) {
      throw new ClusterException(
          tm
              + " has no pid file in "
              + dir.root()
              + ": it runs on another host; give --pid PID of its process there");
    }
    String local = pids.containsKey(tm) ? tm : null;
    return remove(
        tm,
        process,
        signal,
        timeout,
        grace,
        () -> {
          if (local != null) {
            dir.deletePid(local);
          }
        });
  }

  /**
   * Drains and stops the TaskManager {@code name} whose process is {@code pid} on this host,
   * stopped with {@code signal} (TERM, or HUP for one that ignores SIGTERM), SIGKILL after {@code
   * grace}; {@code beforeStop} runs just before (a local TaskManager's pid file goes, so a
   * supervisor does not start it again). Returns one line saying what happened.
   *
   * @throws ClusterException when Flink does not list {@code name}
   */
  String remove(
      String name, long pid, String signal, Duration timeout, Duration grace, Runnable beforeStop) {
    List<String> ids = registered();
    if (!ids.contains(name)) {
      throw new ClusterException(
          "no TaskManager "
              + name
              + " is registered with the cluster of "
              + runDir
              + " (registered: "
              + ids
              + ")");
    }
    long start = System.nanoTime();
    WorkerLeaving.write(
        WorkerLeaving.marker(runDir, name),
        WorkerLeaving.markerText("pid " + pid, holdFor(timeout)));
    try {
      Waited waited = await(name, start + timeout.toNanos(), () -> false);
      beforeStop.run();
      stop(pid, signal, grace);
      boolean gone = awaitGone(name);
      StringBuilder line = new StringBuilder(name).append(waited.describe(start, timeout));
      line.append("; stopped pid ").append(pid);
      if (!gone) {
        line.append(" (Flink still listed it after ").append(GONE_WAIT.toSeconds()).append(" s)");
      }
      return line.toString();
    } finally {
      WorkerLeaving.clear(runDir, name);
    }
  }

  /** What a drain waited for: the live drivers, those that did not answer, whether it got idle. */
  private record Waited(
      int drivers, List<String> silent, boolean idle, boolean jobManagerLost, long end) {
    /** " drained in ..." or " not drained within ...", after the TaskManager's name. */
    String describe(long start, Duration timeout) {
      if (jobManagerLost) {
        return " not drained: the JobManager stopped answering (the cluster is going away)";
      }
      if (silent.isEmpty() && idle) {
        return String.format(
            Locale.ROOT,
            " drained in %.1f s (%d driver(s) held their next job; no task was running on it)",
            (end - start) / 1e9,
            drivers);
      }
      return String.format(
          Locale.ROOT,
          " not drained within %d s (%s): stopped anyway; Flink restarts the jobs it ran",
          timeout.toSeconds(),
          silent.isEmpty()
              ? "it still ran tasks"
              : "no answer from driver(s) " + String.join(", ", silent));
    }
  }

  /**
   * Waits, until {@code deadline} or until {@code lost} says the JobManager is gone, for every live
   * driver's answer and then for idle slots.
   */
  private Waited await(String name, long deadline, BooleanSupplier lost) {
    List<String> drivers = liveDrivers();
    List<String> silent = awaitAnswers(name, drivers, deadline, lost);
    boolean idle = !lost.getAsBoolean() && awaitIdle(name, deadline, lost);
    return new Waited(drivers.size(), silent, idle, lost.getAsBoolean(), System.nanoTime());
  }

  /** True once the JobManager has not answered for {@code bound} (asked at most every poll). */
  private BooleanSupplier jobManagerSilentFor(Duration bound) {
    long[] lastAnswer = {System.nanoTime()};
    boolean[] lost = {false};
    return () -> {
      if (!lost[0]) {
        long now = System.nanoTime();
        if (rest.get("/overview").isPresent()) {
          lastAnswer[0] = now;
        } else {
          lost[0] = now - lastAnswer[0] > bound.toNanos();
        }
      }
      return lost[0];
    };
  }

  private List<String> registered() {
    return registered(GONE_WAIT);
  }

  /**
   * The resource ids Flink lists; fails when the JobManager does not answer within {@code wait}
   * (one call may time out on a loaded host, the first TLS handshake of a fresh JVM).
   */
  private List<String> registered(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      java.util.Optional<List<String>> ids =
          rest.get("/taskmanagers").map(FlinkRest::taskManagerIds);
      if (ids.isPresent()) {
        return ids.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ClusterException(
            "the JobManager of "
                + runDir
                + " does not answer at "
                + rest.baseUrl()
                + " (for "
                + wait.toSeconds()
                + " s)");
      }
      ProcessControl.sleep(Duration.ofMillis(500));
    }
  }

  /** Registered drivers, less those on this host whose process has exited. */
  private List<String> liveDrivers() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "";
    }
    List<String> live = new ArrayList<>();
    for (String id : WorkerLeaving.drivers(runDir)) {
      Path file = WorkerLeaving.driversDir(runDir).resolve(id);
      String owner = WorkerLeaving.read(file);
      if (owner != null && owner.endsWith("@" + host)) {
        long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          WorkerLeaving.delete(file); // a driver that died without closing its session
          continue;
        }
      }
      live.add(id);
    }
    return live;
  }

  /** Waits until each driver answered or ended its session; returns those that did neither. */
  private List<String> awaitAnswers(
      String name, List<String> drivers, long deadline, BooleanSupplier lost) {
    List<String> silent = new ArrayList<>(drivers);
    while (true) {
      silent.removeIf(
          id ->
              WorkerLeaving.read(WorkerLeaving.ack(runDir, name, id)) != null
                  || WorkerLeaving.read(WorkerLeaving.driversDir(runDir).resolve(id)) == null);
      if (silent.isEmpty() || System.nanoTime() - deadline > 0 || lost.getAsBoolean()) {
        return silent;
      }
      ProcessControl.sleep(POLL);
    }
  }

  /** Waits until the TaskManager's slots are all free; false when the deadline passed first. */
  private boolean awaitIdle(String name, long deadline, BooleanSupplier lost) {
    while (true) {
      String body = rest.get("/taskmanagers/" + name).orElse("");
      long total = FlinkRest.number(body, "slotsNumber").orElse(-1);
      long free = FlinkRest.number(body, "freeSlots").orElse(-2);
      if (total >= 0 && free == total) {
        return true;
      }
      if (System.nanoTime() - deadline > 0 || lost.getAsBoolean()) {
        return false;
      }
      ProcessControl.sleep(POLL);
    }
  }

  private static void stop(long pid, String signal, Duration grace) {
    if (!signal.equals("TERM")) {
      try {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
            .redirectErrorStream(true)
            .start()
            .waitFor();
      } catch (IOException e) {
        throw new ClusterException("cannot send SIG" + signal + " to pid " + pid, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted", e);
      }
    }
    ProcessControl.terminate(List.of(pid), grace, Duration.ofSeconds(5));
  }

  /** Waits until Flink no longer lists the TaskManager; false after {@link #GONE_WAIT}. */
  private boolean awaitGone(String name) {
    long deadline = System.nanoTime() + GONE_WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (rest.get("/taskmanagers")
          .map(FlinkRest::taskManagerIds)
          .map(ids -> !ids.contains(name))
          .orElse(false)) {
        return true;
      }
      ProcessControl.sleep(POLL);
    }
    return false;
  }
}
