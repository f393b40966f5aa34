package io.taskbeam;

import io.taskbeam.internal.engine.Session;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The API's handles as the engine knows them: a {@link TaskFuture} is a datum id, which the session
 * keeps while the future is reachable, and a {@link TaskGroup} is a name. Every conversion checks
 * that the handle belongs to this session, so a future passed to another session fails in one line
 * instead of naming someone else's datum.
 */
final class HandleIds {
  private final TaskBeam owner;
  private final Session session;

  HandleIds(TaskBeam owner, Session session) {
    this.owner = owner;
    this.session = session;
  }

  /** A new future on {@code datum}, held by the session while the future is reachable. */
  <T> TaskFuture<T> future(long datum) {
    TaskFuture<T> future = new TaskFuture<>(owner, datum);
    session.hold(future, datum);
    return future;
  }

  /** New futures on {@code data}, in order; see {@link #future}. */
  <T> List<TaskFuture<T>> futures(long[] data) {
    List<TaskFuture<T>> futures = new ArrayList<>(data.length);
    for (long datum : data) {
      futures.add(future(datum));
    }
    return futures;
  }

  /** The data of the {@code n} parts the task computing {@code whole} returns (see split). */
  long[] split(TaskFuture<?> whole, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("split into " + n + " parts: give at least 1");
    }
    return session.split(datum(whole), n);
  }

  long datum(TaskFuture<?> future) {
    if (future == null) {
      throw new IllegalArgumentException("a TaskFuture argument is null");
    }
    if (future.owner() != owner) {
      throw new IllegalArgumentException(future + " belongs to another taskbeam session");
    }
    return future.datumId();
  }

  List<Long> data(Collection<? extends TaskFuture<?>> futures) {
    List<Long> data = new ArrayList<>(futures.size());
    for (TaskFuture<?> f : futures) {
      data.add(datum(f));
    }
    return data;
  }

  String group(TaskGroup group) {
    if (group == null || group.owner() != owner) {
      throw new IllegalArgumentException(group + " belongs to another taskbeam session");
    }
    return group.name();
  }

  /**
   * Submits one call: each future argument becomes its datum id, flagged as such, and the other
   * arguments are passed as values. The result's future, or null for a task returning nothing.
   */
  <R> TaskFuture<R> submit(Serializable fn, Object[] args) {
    Object[] values = args.clone();
    boolean[] isFuture = new boolean[args.length];
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof TaskFuture<?> future) {
        values[i] = datum(future);
        isFuture[i] = true;
      }
    }
    long result = session.submit(fn, values, isFuture);
    return result < 0 ? null : future(result);
  }
}
