package io.taskbeam.internal.flink;

import io.taskbeam.flink.spi.WorkerLeaving;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The driver's side of a TaskManager's clean leave ({@link WorkerLeaving}): while a TaskManager of
 * the cluster is marked as leaving, the session submits no new job, and once none of its jobs runs
 * it answers the drainer, which then stops the idle TaskManager. The gate opens again when the
 * marker is gone (the drainer removes it once Flink no longer lists the TaskManager), when Flink no
 * longer lists it, or after {@link #HOLD} at the latest (a drainer that died).
 *
 * <p>A daemon thread reads the run directory every {@link #POLL}; a session whose cluster publishes
 * no run directory, or one this driver cannot see, gets {@link #NONE}.
 */
final class WorkerGate implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(100);

  /** The longest one leave holds the session's jobs back when its marker names no bound. */
  static final Duration HOLD = Duration.ofSeconds(120);

  /** A gate that never closes: no run directory to watch. */
  static final WorkerGate NONE = new WorkerGate();

  private final Path runDir;
  private final String id;
  private final Predicate<String> registered;
  private final ScheduledExecutorService watcher;

  /**
   * Removes the registration when the JVM exits with the session still open (SIGTERM: a Kubernetes
   * driver pod deleted by {@code helm upgrade} or {@code helm uninstall}, a cancelled SLURM job),
   * so a drain does not wait out its timeout for an answer that cannot come.
   */
  private final Thread unregisterOnExit;

  /** Leaving TaskManagers the gate is closed for, to the time (nanos) it opens at the latest. */
  private final Map<String, Long> closing = new HashMap<>();

  /** Leaves this driver has answered. */
  private final Set<String> answered = new HashSet<>();

  /** Leaves this driver no longer holds jobs for while their marker is still there. */
  private final Set<String> done = new HashSet<>();

  private int inFlight;

  private WorkerGate() {
    this.runDir = null;
    this.id = null;
    this.registered = name -> false;
    this.watcher = null;
    this.unregisterOnExit = null;
  }

  private WorkerGate(Path runDir, Predicate<String> registered) {
    this.runDir = runDir;
    this.registered = registered;
    this.id = WorkerLeaving.register(runDir);
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "taskbeam-worker-gate");
              t.setDaemon(true);
              return t;
            });
    watcher.scheduleWithFixedDelay(this::tick, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    Path registration = WorkerLeaving.driversDir(runDir).resolve(id);
    this.unregisterOnExit =
        new Thread(() -> WorkerLeaving.delete(registration), "taskbeam-worker-gate-exit");
    Runtime.getRuntime().addShutdownHook(unregisterOnExit);
  }

  /**
   * The gate of a cluster whose run directory is {@code runDir} (null or not visible here: {@link
   * #NONE}); {@code registered} says whether Flink still lists a TaskManager.
   */
  static WorkerGate open(String runDir, Predicate<String> registered) {
    if (runDir == null || runDir.isBlank() || !Files.isDirectory(Path.of(runDir))) {
      return NONE;
    }
    try {
      return new WorkerGate(Path.of(runDir), registered);
    } catch (RuntimeException e) {
      return NONE; // a run directory this driver may not write to: no drain, as before
    }
  }

  /** The TaskManagers marked as leaving now (resource ids). */
  List<String> leaving() {
    return runDir == null ? List.of() : WorkerLeaving.leaving(runDir);
  }

  /**
   * Waits while a TaskManager is leaving, then counts a job in flight until {@link #afterJob}.
   *
   * @return whether it waited (the cluster's slots may have changed)
   */
  synchronized boolean beforeSubmit() throws InterruptedException {
    boolean waited = false;
    while (!closing.isEmpty()) {
      waited = true;
      wait(POLL.toMillis());
    }
    inFlight++;
    return waited;
  }

  /** A job counted by {@link #beforeSubmit} ended (or was never submitted). */
  synchronized void afterJob() {
    inFlight = Math.max(0, inFlight - 1);
    notifyAll();
  }

  /** One look at the run directory: close for new markers, answer, open for ended leaves. */
  private void tick() {
    try {
      List<String> marked = WorkerLeaving.leaving(runDir);
      List<String> answeredNow;
      synchronized (this) {
        long now = System.nanoTime();
        done.retainAll(marked);
        for (String name : marked) {
          if (!done.contains(name)) {
            closing.computeIfAbsent(name, n -> now + holdFor(n).toNanos());
          }
        }
        for (String name : List.copyOf(closing.keySet())) {
          if (!marked.contains(name) || now - closing.get(name) > 0) {
            end(name);
          }
        }
        if (inFlight == 0) {
          for (String name : closing.keySet()) {
            if (answered.add(name)) {
              WorkerLeaving.write(WorkerLeaving.ack(runDir, name, id), "no job in flight");
            }
          }
        }
        answeredNow = List.copyOf(answered);
        notifyAll();
      }
      for (String name : answeredNow) {
        if (!registered.test(name)) { // Flink no longer lists it: the drainer's cleanup may lag
          synchronized (this) {
            end(name);
            notifyAll();
          }
        }
      }
    } catch (RuntimeException e) {
      // a run directory that vanished (the cluster stopped): nothing to hold jobs for
    }
  }

  /** How long the leave of {@code name} may hold jobs: what its marker asks, else {@link #HOLD}. */
  private Duration holdFor(String name) {
    return WorkerLeaving.hold(WorkerLeaving.read(WorkerLeaving.marker(runDir, name)), HOLD);
  }

  /** Stops holding jobs for {@code name}; a marker left behind does not close the gate again. */
  private void end(String name) {
    closing.remove(name);
    answered.remove(name);
    done.add(name);
  }

  /** Stops watching and removes this driver's registration. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      WorkerLeaving.delete(WorkerLeaving.driversDir(runDir).resolve(id));
      try {
        Runtime.getRuntime().removeShutdownHook(unregisterOnExit);
      } catch (IllegalStateException exiting) {
        // the JVM is exiting: the hook removes the registration (again)
      }
    }
  }
}
