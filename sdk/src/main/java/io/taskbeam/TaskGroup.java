package io.taskbeam;

/**
 * A named group of submissions (PyCOMPSs {@code TaskGroup}): every task submitted while the group
 * is open belongs to it. {@link TaskBeam#barrier(TaskGroup)} waits for the group, {@link
 * TaskBeam#cancel(TaskGroup)} drops its pending tasks and those that depend on them.
 *
 * <pre>{@code
 * TaskGroup tries;
 * try (TaskGroup g = tb.group("tries")) {
 *   for (int i = 0; i < 8; i++) results.add(tb.submit(Search::attempt, i));
 *   tries = g;
 * }
 * tb.cancel(tries);   // or tb.barrier(tries)
 * }</pre>
 */
public final class TaskGroup implements AutoCloseable {
  private final TaskBeam owner;
  private final String name;

  TaskGroup(TaskBeam owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  public String name() {
    return name;
  }

  TaskBeam owner() {
    return owner;
  }

  /** Ends the group's membership: tasks submitted afterwards are not in it. */
  @Override
  public void close() {
    owner.closeGroup(this);
  }

  @Override
  public String toString() {
    return "TaskGroup(" + name + ")";
  }
}
