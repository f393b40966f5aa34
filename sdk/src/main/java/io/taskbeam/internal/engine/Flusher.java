package io.taskbeam.internal.engine;

import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The background thread of {@code --pipelined}: it runs queued jobs one after another, and when
 * none is queued it flushes the pending tasks on its own once {@code --flushTasks} of them are
 * pending or the program has submitted nothing for {@code --flushQuietMillis}. So tasks start while
 * the program goes on (reading input, computing in its own code), as in COMPSs, and a sync point
 * finds them done or running.
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
  private long lastSubmit = System.nanoTime();

  /** {@code --checkpoint=time:D}: pending tasks start at least this often. */
  private final long everyNanos;

  private long lastFlush = System.nanoTime();
  private boolean stopped;

  private Flusher(Object lock, SyncPoints syncPoints, SessionParts parts) {
    this.lock = lock;
    this.syncPoints = syncPoints;
    this.parts = parts;
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

  /** Starts the flusher of a session whose state is guarded by {@code lock}. */
  static Flusher start(Object lock, SyncPoints syncPoints, SessionParts parts) {
    Flusher flusher = new Flusher(lock, syncPoints, parts);
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

  /** After a failure: the queued jobs will not run; returns them. */
  List<Job> dropQueued() {
    List<Job> dropped = new ArrayList<>(queue);
    queue.clear();
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
      }
      if (job == null) {
        return;
      }
      syncPoints.execute(job);
    }
  }

  /** The next job to run, waiting (under the lock) until there is one; null once stopped. */
  private Job next() {
    while (true) {
      Job queued = queue.poll();
      if (queued != null) {
        return queued;
      }
      if (stopped) {
        return null;
      }
      long waitNanos = 0; // 0: until notified
      int pending = parts.graph().pendingCount();
      if (pending > 0 && syncPoints.mayFlushOnItsOwn() && !parts.groups().holdPending()) {
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
