package io.taskbeam.internal.engine;

import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background thread of {@code --pipelined}: it starts queued jobs, each once the jobs it waits
 * for ended ({@link Job#after}), up to {@code --jobsInFlight} at once on threads of their own (one
 * at a time, on its own thread, for runners that run one job at a time); and while a job could
 * start and none waits, it flushes the pending tasks on its own once {@code --flushTasks} of them
 * are pending or the program has submitted nothing for {@code --flushQuietMillis}. So tasks start
 * while the program goes on (reading input, computing in its own code), as in COMPSs, and a sync
 * point finds them done or running.
 *
 * <p>It leaves pending what its own flush could make inexact: tasks of a named task group while
 * some member is pending (the group may still be cancelled; its barrier or any sync point runs
 * them), and a last submitted task whose result may still be split. {@code --checkpoint=tasks:N}
 * and {@code time:D} start it too, with jobs of at most N tasks, or pending tasks started at least
 * every D, so that checkpoints come that often. After a failed job it flushes nothing until a sync
 * point has reported the failure.
 */
final class Flusher {
  private final Object lock;
  private final SyncPoints syncPoints;
  private final SessionParts parts;
  private final long quietNanos;
  private final int batchTasks;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();

  /** Jobs that may run at once, and those running now (guarded by the lock). */
  private final int maxRunning;

  private int running;
  private final ExecutorService jobThreads;

  private long lastSubmit = System.nanoTime();

  /** {@code --checkpoint=time:D}: pending tasks start at least this often. */
  private final long everyNanos;

  private long lastFlush = System.nanoTime();
  private boolean stopped;

  private Flusher(Object lock, SyncPoints syncPoints, SessionParts parts, int maxRunning) {
    this.lock = lock;
    this.syncPoints = syncPoints;
    this.parts = parts;
    this.maxRunning = maxRunning;
    AtomicInteger threads = new AtomicInteger();
    this.jobThreads =
        maxRunning == 1
            ? null
            : Executors.newCachedThreadPool(
                r -> {
                  Thread t = new Thread(r, "taskbeam-job-" + threads.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
    int quiet = parts.options().getFlushQuietMillis();
    int batch = parts.options().getFlushTasks();
    if (quiet < 0 || batch < 1) {
      throw new IllegalArgumentException(
          "--flushQuietMillis must be 0 or more and --flushTasks at least 1; got "
              + quiet
              + " and "
              + batch);
    }
    this.quietNanos = quiet * 1_000_000L;
    CheckpointPolicy policy = parts.checkpointPolicy();
    this.batchTasks =
        policy.kind() == CheckpointPolicy.Kind.TASKS ? Math.min(batch, policy.everyTasks()) : batch;
    this.everyNanos = policy.every() == null ? Long.MAX_VALUE : policy.every().toNanos();
  }

  /**
   * Starts the flusher of a session whose state is guarded by {@code lock}, running at most {@code
   * maxRunning} jobs at once.
   */
  static Flusher start(Object lock, SyncPoints syncPoints, SessionParts parts, int maxRunning) {
    Flusher flusher = new Flusher(lock, syncPoints, parts, maxRunning);
    Thread thread = new Thread(flusher::loop, "taskbeam-flusher");
    thread.setDaemon(true);
    thread.start();
    return flusher;
  }

  /** A task was submitted (under the lock): the quiet time starts again. */
  void submitted() {
    lastSubmit = System.nanoTime();
    if (parts.graph().pendingCount() == 1 || parts.graph().pendingCount() >= batchTasks) {
      lock.notifyAll();
    }
  }

  /** A job to run after those queued (under the lock). */
  void enqueue(Job job) {
    queue.add(job);
    lock.notifyAll();
  }

  /**
   * After job {@code failed} failed: the queued jobs flushed after it will not run; returns them.
   */
  List<Job> dropQueued(int failed) {
    List<Job> dropped = new ArrayList<>();
    queue.removeIf(
        j -> {
          boolean later = j.number > failed;
          if (later) {
            dropped.add(j);
          }
          return later;
        });
    return dropped;
  }

  /** The session ends (under the lock): the thread leaves once it has nothing to run. */
  void stop() {
    stopped = true;
    lock.notifyAll();
  }

  private void loop() {
    while (true) {
      Job job;
      synchronized (lock) {
        job = next();
        if (job != null) {
          running++;
        }
      }
      if (job == null) {
        if (jobThreads != null) {
          jobThreads.shutdown();
        }
        return;
      }
      if (jobThreads == null) {
        run(job);
      } else {
        jobThreads.execute(() -> run(job));
      }
    }
  }

  private void run(Job job) {
    try {
      syncPoints.execute(job);
    } finally {
      synchronized (lock) {
        running--;
        lock.notifyAll();
      }
    }
  }

  /** The first queued job that may start now, or null; drops those whose input was lost. */
  private Job startable() {
    if (running >= maxRunning) {
      return null;
    }
    for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
      Job q = it.next();
      if (q.ready()) {
        it.remove();
        if (!q.afterLost()) {
          q.after.clear(); // what it waited for ended: nothing keeps those jobs reachable
          return q;
        }
        syncPoints.dropAfterLoss(q);
      }
    }
    return null;
  }

  /** The next job to run, waiting (under the lock) until there is one; null once stopped. */
  private Job next() {
    while (true) {
      Job queued = startable();
      if (queued != null) {
        return queued;
      }
      if (stopped && queue.isEmpty()) {
        return null;
      }
      long waitNanos = 0; // 0: until notified
      int pending = parts.graph().pendingCount();
      if (pending > 0
          && running < maxRunning
          && queue.isEmpty()
          && syncPoints.mayFlushOnItsOwn()
          && !parts.groups().holdPending()) {
        long idle = System.nanoTime() - lastSubmit;
        long sinceFlush = System.nanoTime() - lastFlush;
        if (pending >= batchTasks || idle >= quietNanos || sinceFlush >= everyNanos) {
          if (flush()) {
            lastFlush = System.nanoTime();
            continue;
          }
          waitNanos = Math.max(quietNanos, 1_000_000L); // the last task is held: look again
        } else {
          waitNanos = Math.min(quietNanos - idle, everyNanos - sinceFlush);
        }
      }
      try {
        if (waitNanos == 0) {
          lock.wait();
        } else {
          lock.wait(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        }
      } catch (InterruptedException e) {
        return null;
      }
    }
  }

  /** The flusher's own flush; whether it made a job. A failure goes to the next sync point. */
  private boolean flush() {
    try {
      return syncPoints.flushOnItsOwn() != null;
    } catch (RuntimeException e) {
      syncPoints.flushFailed(e);
      return false;
    }
  }
}
