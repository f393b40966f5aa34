package io.taskbeam;

/**
 * A handle on a datum: the result of a task, or a driver value registered with {@link
 * TaskBeam#put}. Pass it to later tasks to make them depend on it; read it with {@link
 * TaskBeam#waitOn}.
 *
 * <p>The handle always names the datum's latest version: after a task that takes it as INOUT, OUT
 * or COMMUTATIVE is submitted, later tasks and {@code waitOn} see that task's result, while tasks
 * submitted earlier keep the version they were given.
 *
 * @param <T> the value's type
 */
public final class TaskFuture<T> {
  private final Object owner;
  private final long datumId;

  /** Made by the SDK only. */
  TaskFuture(Object owner, long datumId) {
    this.owner = owner;
    this.datumId = datumId;
  }

  Object owner() {
    return owner;
  }

  long datumId() {
    return datumId;
  }

  @Override
  public String toString() {
    return "TaskFuture(d" + datumId + ")";
  }
}
