package io.taskbeam.internal.engine;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.SyncListener;
import io.taskbeam.internal.plan.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Jobs from the program's point of view: which job stores which version, waiting for jobs, and what
 * a failed one leaves behind. A sync point flushes the pending tasks into a job ({@link Flushes}),
 * runs it on the program's thread or hands it to the {@link Flusher} ({@code --pipelined}), and
 * waits only for the jobs the data it needs come from. With the flusher, a job starts once the jobs
 * storing what it reads ended ({@link Job#after}; jobs that touch files wait for every earlier one
 * that does), so independent jobs run at once, up to {@code --jobsInFlight}.
 *
 * <p>A failed job loses what it would have stored, and so do the jobs flushed after it that had not
 * ended when it failed (queued ones never run). The failure of the earliest failed job is thrown
 * once, by the first sync point that finds it, after every open job ended; that sync point also
 * drops the tasks still pending (as one sync point over all of them would have failed with it). A
 * later job that ended before the failure keeps its results: they are right, whatever failed. A
 * barrier waits for every job. Everything here runs under the session's lock ({@code lock}); a
 * waiting program releases it.
 */
final class SyncPoints {
  private final Object lock;
  private final SessionParts parts;
  private final Runner runner;
  private final SyncListener listener;
  private final Flushes flushes;
  private final Flusher flusher;
  private final List<SyncReport> reports = new ArrayList<>();

  /** Versions a job will store, until it ended: key to job. */
  private final Map<String, Job> producing = new HashMap<>();

  /** Jobs the flusher made on its own that no sync point has waited for yet. */
  private final List<Job> unsynced = new ArrayList<>();

  /** Jobs not ended yet (queued or running), by number. */
  private final TreeMap<Integer, Job> open = new TreeMap<>();

  /**
   * The number of the last job flushed, 0 before the first: a number, not the job, so that its
   * tasks and plan go once it ended.
   */
  private int lastJob;

  /** Journals what each job finished, when the run is checkpointed; else null. */
  private Checkpoints checkpoints;

  /** A job's failure no sync point has thrown yet, and that job's number. */
  private RuntimeException failure;

  private int failedJob = Integer.MAX_VALUE;

  /** The jobs running now; read by the exit hook. */
  private final ConcurrentSkipListSet<Integer> running = new ConcurrentSkipListSet<>();

  /** Set by the exit hook: a job failing from now on failed because the JVM is exiting. */
  private volatile boolean exiting;

  SyncPoints(
      Object lock, SessionParts parts, Flushes flushes, Runner runner, SyncListener listener) {
    this.lock = lock;
    this.parts = parts;
    this.runner = runner;
    this.listener = listener;
    this.flushes = flushes;
    int asked = parts.options().getJobsInFlight();
    if (asked < 0) {
      throw new IllegalArgumentException(
          "--jobsInFlight must be 0 (the runner's choice) or the jobs that may run at once; got "
              + asked);
    }
    this.flusher =
        (parts.options().getPipelined() || parts.checkpointPolicy().startsTasksEarly())
                && !parts.options().getExplain()
            ? Flusher.start(lock, this, parts, runner.jobsInFlight(asked))
            : null;
  }

  /** From now on, each job that ends is journaled (or marks the run failed). */
  void checkpointed(Checkpoints journal) {
    this.checkpoints = journal;
  }

  /** The flusher's own flush failed (under the lock): the next sync point throws it. */
  void flushFailed(RuntimeException e) {
    failure = e;
  }

  /** A task was submitted: the flusher may start it. */
  void submitted() {
    if (flusher != null) {
      flusher.submitted();
    }
  }

  List<SyncReport> reports() {
    return List.copyOf(reports);
  }

  /** The earliest job running now, 0 when none. */
  int inFlight() {
    Integer first = running.isEmpty() ? null : running.first();
    return first == null ? 0 : first;
  }

  void exiting() {
    exiting = true;
  }

  /** Whether the flusher may start jobs of its own now (no failure waits to be reported). */
  boolean mayFlushOnItsOwn() {
    return failure == null;
  }

  /** The version's value will be stored by a job still to end. */
  boolean beingComputed(String key) {
    return producing.containsKey(key);
  }

  /** Whether a job is queued or running. */
  boolean jobsRunning() {
    return !open.isEmpty();
  }

  /** Runs every pending task and waits for every job; throws a failure no sync point threw. */
  void runAll() {
    flushAndRun(false);
    while (flushes.partial() && failure == null && parts.graph().pendingCount() > 0) {
      flushAndRun(false); // --checkpoint=tasks:N: one job per N tasks (each takes at least one)
    }
    awaitThrough(lastJob);
  }

  /**
   * Waits until each of {@code versions} exists, flushing the pending tasks if one needs them, and
   * waiting only for the jobs that store them; throws a failure no sync point threw.
   */
  void await(Collection<DataVersion> versions) {
    boolean pending = false;
    for (DataVersion v : versions) {
      pending |= v.producer() != null;
    }
    if (pending) {
      flushAndRun(false);
      while (flushes.partial() && failure == null && parts.graph().pendingCount() > 0) {
        flushAndRun(false);
      }
    }
    for (DataVersion v : versions) {
      Job from = producing.get(v.key());
      while (from != null && !from.done()) {
        waitFor(from.number);
      }
    }
    unsynced.clear(); // a sync point covers what the flusher ran before it, as it would have run it
    awaitThrough(0);
  }

  /** Flushes the pending tasks into a job and runs it (here, or queued to the flusher). */
  private Job flushAndRun(boolean ownFlush) {
    return flushAndRun(ownFlush, ownFlush && flusher != null);
  }

  /** As {@link #flushAndRun(boolean)}; {@code holdLast}: see {@link Flushes#flush}. */
  private Job flushAndRun(boolean ownFlush, boolean holdLast) {
    Job job = failure != null ? null : flushes.flush(holdLast);
    if (job == null) {
      return null;
    }
    lastJob = job.number;
    if (flusher != null) {
      link(job);
    }
    for (DataVersion v : job.keep) {
      producing.put(v.key(), job);
    }
    open.put(job.number, job);
    if (flusher == null) {
      execute(job);
    } else {
      if (ownFlush) {
        unsynced.add(job);
      }
      flusher.enqueue(job);
    }
    return job;
  }

  /**
   * Names the jobs {@code job} must wait for: those storing a version it reads and, when it reads
   * or writes a file, every open job that does (files change in place, outside the store).
   */
  private void link(Job job) {
    Set<Job> after = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TaskNode t : job.tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        DataVersion in = t.input(i);
        if (in != null) {
          Job from = producing.get(in.key());
          if (from != null) {
            after.add(from);
          }
          job.touchesFiles |= parts.files().isFile(in.datum());
        }
      }
      for (DataVersion out : Checkpoints.written(t)) {
        job.touchesFiles |= parts.files().isFile(out.datum());
      }
    }
    if (job.touchesFiles) {
      for (Job j : open.values()) {
        if (j.touchesFiles) {
          after.add(j);
        }
      }
    }
    job.after.addAll(after);
  }

  /**
   * Makes the pending tasks a job now, so that a file writer submitted next cannot overtake their
   * reads of a file a pending task writes ({@link FileData}); whether it made one. Without the
   * flusher the job runs here; its failure, as the flusher's, is thrown by the next sync point.
   */
  boolean flushForFiles() {
    try {
      return flushAndRun(true, false) != null; // a task split later is split by now
    } catch (io.taskbeam.ExplainStop stop) {
      throw stop;
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      }
      return false;
    }
  }

  /** The flusher's own flush: the tasks pending now become a job; null when there are none. */
  Job flushOnItsOwn() {
    return flushAndRun(true);
  }

  /**
   * Waits for job {@code number} and every job before it (none when 0); throws the failure no sync
   * point threw, once every open job ended (those after the failed one lose their results).
   */
  private void awaitThrough(int number) {
    if (number > 0) {
      awaitOpen(number);
      unsynced.removeIf(j -> j.number <= number);
    }
    if (failure != null) {
      awaitOpen(Integer.MAX_VALUE);
      RuntimeException thrown = failure;
      failure = null;
      failedJob = Integer.MAX_VALUE;
      dropPending(thrown);
      throw thrown;
    }
  }

  /** Waits (releasing the lock) until no job numbered up to {@code number} is open. */
  private void awaitOpen(int number) {
    while (!open.isEmpty() && open.firstKey() <= number) {
      waitFor(open.firstKey());
    }
  }

  /** One wait on the lock (released meanwhile) for job {@code number} to change. */
  private void waitFor(int number) {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for job " + number);
    }
  }

  /**
   * Runs {@code job}: writes the program values it reads from files, tells the listener, runs the
   * plan (outside the lock when the flusher runs it), and records the outcome.
   */
  void execute(Job job) {
    synchronized (lock) {
      listener.syncStarting(job.number, job.tasks, job.keep, job.plan, job.startMicros);
      running.add(job.number);
    }
    RuntimeException failed = null;
    Map<String, StoredRef> stored = null;
    long start = System.nanoTime();
    try {
      job.toWrite.forEach((path, entry) -> WorkDir.writeBundle(Path.of(path), List.of(entry)));
      stored = runner.run(job.plan);
    } catch (RuntimeException e) {
      failed = e;
    } finally {
      if (exiting) {
        // the exit hook cancelled the job and reports it: no second message, and nothing of the
        // job is recorded (the journal is closed; a cancelled Flink job may even return)
        awaitExit();
      }
      running.remove(job.number);
      if (job.eventDir != null) {
        FileData.moveTree(Path.of(job.eventDir, "binary"), parts.runDirectory().resolve("binary"));
      }
    }
    synchronized (lock) {
      complete(job, stored, failed, System.nanoTime() - start);
      lock.notifyAll();
    }
    if (failed != null && flusher == null) {
      throw failed; // the sync point that ran the job reports it
    }
  }

  private void complete(Job job, Map<String, StoredRef> stored, RuntimeException e, long nanos) {
    listener.syncEnded(job.number, e);
    DataStore store = parts.store();
    if (e == null && job.number > failedJob) {
      job.lose(store, failedTask(failure), failedFirst(failedJob, failure)); // ended after it
    } else if (e == null) {
      for (DataVersion v : job.keep) {
        // only what is still held: a version released while the job ran stays gone
        store.replace(v.key(), DriverValue.stored(stored.get(v.key())));
      }
      reports.add(job.report(nanos));
      if (checkpoints != null) {
        checkpoints.jobEnded(job, stored);
      }
    } else {
      if (checkpoints != null) {
        checkpoints.jobFailed();
      }
      String task = failedTask(e);
      job.lose(store, task, "sync point " + job.number + " failed: " + e.getMessage());
      if (flusher != null && job.number < failedJob) {
        failure = e; // thrown by the program's next sync point with work
        failedJob = job.number;
        String reason = failedFirst(job.number, e);
        for (Job dropped : flusher.dropQueued(job.number)) {
          dropped.lose(store, task, reason);
          forget(dropped);
        }
      }
    }
    forget(job);
  }

  private static String failedFirst(int number, RuntimeException e) {
    return "sync point " + number + " failed first: " + e.getMessage();
  }

  /** A job {@link Flusher} will not run: one it waits for was lost. */
  void dropAfterLoss(Job job) {
    Job lost = job.after.stream().filter(Job::lost).findFirst().orElseThrow();
    job.lose(parts.store(), null, "sync point " + lost.number + " it reads from was lost");
    forget(job);
    lock.notifyAll();
  }

  /** The job ended: its versions are in the store (or lost), no longer being computed. */
  private void forget(Job job) {
    for (DataVersion v : job.keep) {
      producing.remove(v.key(), job);
    }
    open.remove(job.number);
    job.after.clear(); // no chain of ended jobs stays reachable through the later ones
    job.end();
  }

  /** After a failure: the tasks pending now would have been in the failed sync point. */
  private void dropPending(RuntimeException e) {
    List<TaskNode> pending = parts.graph().takePending();
    for (DataVersion v : parts.graph().latestWrittenBy(pending)) {
      parts.store().markLost(v.key(), failedTask(e), "an earlier task failed: " + e.getMessage());
    }
    flushes.settle(pending);
  }

  /** The task whose failure {@code e} is, or null when the job failed without one failing. */
  private static String failedTask(RuntimeException e) {
    return e instanceof TaskFailedException f ? f.taskName() : null;
  }

  /**
   * Ends the session's jobs: waits for those still queued or running, stops the flusher, and
   * returns the tasks no sync point covered (pending, or run by the flusher unasked).
   */
  List<TaskNode> close() {
    if (flusher != null) {
      try {
        awaitOpen(Integer.MAX_VALUE);
      } catch (IllegalStateException interrupted) {
        // the session ends anyway
      }
      flusher.stop();
    }
    List<TaskNode> never = new ArrayList<>();
    for (Job j : unsynced) {
      never.addAll(j.tasks);
    }
    never.addAll(parts.graph().pending());
    return never;
  }

  /** A job's failure no sync point threw, for the closing complaint; or null. */
  RuntimeException unreportedFailure() {
    return failure;
  }

  /** Parks the calling thread while the JVM exits (the exit hook does the reporting). */
  private static void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep waiting: the JVM is going down
      }
    }
  }
}
