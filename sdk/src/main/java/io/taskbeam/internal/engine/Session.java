package io.taskbeam.internal.engine;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import io.taskbeam.internal.data.SessionDirs;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.SharedCache;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.RunObserver;
import io.taskbeam.internal.observe.SyncListener;
import io.taskbeam.internal.plan.Runner;
import io.taskbeam.internal.report.RunFiles;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The engine under {@code TaskBeam}, and the one door the API goes through. It wires the rooms of a
 * session and answers the API's calls by handing each to the room that owns it: {@link Capture}
 * (arguments becoming data), {@link SyncPoints} (the pending graph compiled and run), {@link Waits}
 * (sync points as the program sees them: values and files read back, deletes), {@link TaskGroups}.
 * The {@link Runner} is injected ({@link RunnerFactory}): Beam's in production, the in-memory one
 * for {@code --runner=InMemoryRunner}, any other in the engine's tests.
 *
 * <h2>Data and their lifetime</h2>
 *
 * Data are named by ids: the API's futures hold a datum id, the graph holds versions and edges, and
 * the store holds each version's value (small program values as bytes, the rest as references to
 * the work directory). The API registers every future it hands out as a <em>handle</em> ({@link
 * #hold}), weakly referenced: once the program drops the last handle on a datum and no pending task
 * reads or computes it, the datum leaves the graph and its value the store, and a sync point does
 * not even store a result nobody can read. Versions replaced by a later write go once the tasks
 * pending at that write have run. So a long session's driver holds what the program can still
 * reach, whatever the number of tasks it ran.
 */
public final class Session {
  /** How long the exit hook waits for a cancelled job to end before it deletes its files. */
  static final Duration CANCEL_BOUND = Duration.ofSeconds(20);

  private final TaskBeamOptions options;
  private final Path sessionDir;
  private final SessionSeal seal;
  private final Runner runner;
  private final SyncListener listener;
  private final SessionParts parts;
  private final Flushes flushes;
  private final SyncPoints syncPoints;
  private final Waits waits;
  private final TaskGroups groups;
  private final Checkpoints checkpoints;

  private Session(TaskBeamOptions options, RunnerFactory runners) {
    this.options = options;
    int requested = RunnerFactory.requestedParallelism(options);
    CheckpointPolicy policy = Checkpoints.policy(options);
    this.sessionDir = SessionDirs.create(options.getWorkDir());
    this.seal = SessionSeal.create(sessionDir);
    this.runner = runners.open(options, requested, sessionDir);
    try {
      this.listener =
          RunObserver.start(
              options,
              runner.name(),
              runner.parallelism(),
              sessionDir,
              runner.workerGauges(),
              RunFiles::write);
    } catch (RuntimeException | Error e) {
      runner.close(); // e.g. an embedded Flink cluster already starting
      throw e;
    }
    this.parts = new SessionParts(options, policy, sessionDir, listener::runDirectory);
    try {
      this.checkpoints = Checkpoints.start(parts, policy, seal, System.err);
    } catch (RuntimeException | Error e) {
      listener.close(e);
      cleanUp(false);
      throw e;
    }
    this.flushes = new Flushes(parts, runner, listener);
    this.syncPoints = new SyncPoints(this, parts, flushes, runner, listener);
    if (checkpoints != null) {
      parts.capture().nameByContent(checkpoints.identities());
      flushes.checkpointed(checkpoints);
      syncPoints.checkpointed(checkpoints);
    }
    this.waits = new Waits(parts, syncPoints);
    this.groups = parts.groups();
    parts.files().computedBy(syncPoints::beingComputed);
  }

  /** A new session on the runner {@code options} name; checks the sizing options. */
  public static Session start(TaskBeamOptions options) {
    return new Session(options, RunnerFactory.DEFAULT);
  }

  /** A new session on the runner {@code runners} opens: how the engine's tests inject theirs. */
  public static Session start(TaskBeamOptions options, RunnerFactory runners) {
    return new Session(options, runners);
  }

  public int parallelism() {
    return runner.parallelism();
  }

  public String target() {
    return runner.description();
  }

  public Path runDirectory() {
    return listener.runDirectory();
  }

  public synchronized List<SyncReport> reports() {
    return syncPoints.reports();
  }

  public synchronized int pendingTasks() {
    return parts.graph().pending().size();
  }

  public synchronized void check(String what, boolean passed) {
    listener.check(what, passed);
  }

  /**
   * Registers {@code holder} (the API's future) as a handle on {@code datum}: the datum stays while
   * some handle on it is reachable.
   */
  public synchronized void hold(Object holder, long datum) {
    parts.handles().hold(holder, datum);
  }

  /** Data the session holds: in the graph, and values in the store. */
  public synchronized String held() {
    return parts.graph().size() + " data, " + parts.store().size() + " values";
  }

  /** Registers a program value as a new datum; returns its id. */
  public synchronized long put(Object value) {
    long start = System.nanoTime();
    long id = parts.capture().put(value);
    parts.handles().reserve(id);
    flushes.addSubmitNanos(System.nanoTime() - start);
    return id;
  }

  /**
   * Records one call of the task method {@code fn}. {@code args[i]} is a plain value, or the datum
   * id of a future when {@code isFuture[i]}. Returns the result's datum id, or -1 for a void task.
   */
  public synchronized long submit(Serializable fn, Object[] args, boolean[] isFuture) {
    long start = System.nanoTime();
    TaskFunction function = FunctionResolver.resolve(fn);
    checkMemory(function);
    while (parts.files().overtakes(function, args, isFuture) && syncPoints.flushForFiles()) {
      // a writer of a file whose pending readers read what a pending task writes waits for them
    }
    long[] ids = parts.capture().arguments(function, args, isFuture);
    TaskNode node = parts.graph().addTask(function, ids);
    if (checkpoints != null) {
      checkpoints.submitted(node, args);
    }
    groups.add(node);
    listener.submitted(node);
    parts.handles().noteDropped();
    syncPoints.submitted();
    flushes.addSubmitNanos(System.nanoTime() - start);
    if (node.result() == null) {
      return -1;
    }
    parts.handles().reserve(node.result().datum());
    return node.result().datum();
  }

  /**
   * Makes the {@code n} parts of the pending result {@code datum} data of their own, computed by
   * the same task; returns their ids.
   */
  public synchronized long[] split(long datum, int n) {
    long[] ids = parts.graph().split(datum, n);
    if (checkpoints != null) {
      checkpoints.split(parts.graph().latest(ids[0]).producer());
    }
    for (long id : ids) {
      parts.handles().reserve(id);
    }
    return ids;
  }

  /** Tasks submitted from now on belong to group {@code name} until it is closed. */
  public synchronized void openGroup(String name) {
    groups.open(name);
  }

  public synchronized void closeGroup(String name) {
    groups.close(name);
  }

  /** See {@link TaskGroups#cancel}. */
  public synchronized int cancelGroup(String name) {
    return groups.cancel(name);
  }

  /** Runs every pending task if the group has pending members (the engine runs all at once). */
  public synchronized void barrierGroup(String name) {
    if (groups.hasPending(name)) {
      syncPoints.runAll();
    }
    groups.ran(name);
  }

  /** See {@link Waits#waitOnFile}. */
  public synchronized Path waitOnFile(Object path) {
    return waits.waitOnFile(path);
  }

  /** See {@link Waits#deleteFile}. */
  public synchronized void deleteFile(Object path) {
    waits.deleteFile(path);
  }

  /** See {@link Waits#delete}. */
  public synchronized void delete(long datum) {
    waits.delete(datum);
  }

  /** See {@link Waits#waitOn}: the values once they exist, running or waiting only as needed. */
  public synchronized List<Object> waitOn(List<Long> data) {
    return waits.waitOn(data);
  }

  /** Runs every pending task. */
  public synchronized void barrier() {
    syncPoints.runAll();
  }

  /** The plan the pending tasks would compile to; runs nothing. */
  public synchronized String explain() {
    return flushes.explainPending();
  }

  /**
   * Ends the session: tells the listener, closes the runner, deletes the work files (unless {@code
   * --keepWorkDir}), and returns the complaint about tasks never synced, or null.
   */
  public synchronized String close() {
    List<TaskNode> never = syncPoints.close();
    String complaint = never.isEmpty() ? null : neverSynced(never);
    RuntimeException failed = syncPoints.unreportedFailure();
    if (failed != null) {
      complaint =
          "a task failed after the last sync point: "
              + failed.getMessage()
              + (complaint == null ? "" : "; " + complaint);
    }
    listener.close(complaint == null ? null : new IllegalStateException(complaint));
    cleanUp(checkpoints != null && checkpoints.close(complaint == null, sessionDir));
    return complaint;
  }

  /**
   * At JVM exit without close. During a sync point (the driver got SIGINT or SIGTERM) it cancels
   * the running job and waits for it to end (at most {@link #CANCEL_BOUND}) before the work
   * directory goes, ends the run's log with the interruption and prints one line; otherwise it
   * prints the complaint about tasks never synced. Then it cleans up.
   */
  public void onExit(PrintStream err) {
    syncPoints.exiting();
    int sync = syncPoints.inFlight();
    boolean keep = checkpoints != null && checkpoints.close(false, sessionDir);
    if (sync > 0) {
      String cancelled = runner.cancelRunning(CANCEL_BOUND);
      String line =
          "interrupted during sync point "
              + sync
              + (cancelled == null ? "" : ": " + cancelled)
              + (options.getKeepWorkDir() || keep
                  ? "; kept the session directory " + sessionDir
                  : "; removed the session directory " + sessionDir);
      listener.interrupted(line);
      err.println("taskbeam: " + line);
    } else {
      List<TaskNode> never = parts.graph().pending();
      if (!never.isEmpty()) {
        err.println("taskbeam: " + neverSynced(never));
      }
    }
    cleanUp(keep);
  }

  /** Refuses a task whose memory request no worker's heap can meet. */
  private void checkMemory(TaskFunction function) {
    long heap = function.memoryMb() > 0 ? runner.workerHeapBytes() : -1;
    if (heap > 0 && function.memoryMb() * 1024 * 1024 > heap) {
      throw new IllegalArgumentException(
          "task "
              + function.displayName()
              + " asks memoryMb = "
              + function.memoryMb()
              + ", more than the heap of any worker of "
              + runner.name()
              + " ("
              + heap / (1024 * 1024)
              + " MiB): give the workers more heap or ask for less");
    }
  }

  /** Closes the runner and deletes the work files, unless asked to keep them or {@code keep}. */
  private void cleanUp(boolean keep) {
    runner.close();
    SharedCache.evictUnder(sessionDir.toString());
    if (!options.getKeepWorkDir() && !keep) {
      WorkDir.deleteTree(sessionDir);
    }
    seal.forget();
  }

  private static String neverSynced(List<TaskNode> never) {
    return never.size()
        + " task(s) were submitted but never synced (first: "
        + never.get(0)
        + "): call waitOn(...) or barrier() before the session ends";
  }
}
