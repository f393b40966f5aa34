package io.taskbeam;

/**
 * How a task uses one of its parameters; declared on the method with {@link Param}.
 *
 * <p>Directions decide the task graph's edges. Every write makes a new version of the datum
 * (renaming, as COMPSs does): a task that reads version 1 keeps reading version 1 even when a
 * later task writes version 2, so only true read-after-write dependencies order tasks.
 */
public enum Direction {
  /** Read only. The default. The task must not modify the object: it may be shared. */
  IN,
  /**
   * Written only. The task receives a fresh instance made by the type's public no-argument
   * constructor and fills it in; the previous value is never read.
   */
  OUT,
  /** Read and modified in place; the modified object becomes the datum's next version. */
  INOUT,
  /**
   * Modified in place by updates that may be applied in any order, such as accumulating
   * {@code c += a * b}. Consecutive commutative updates of one datum run as one unit of work
   * without ordering edges between them.
   */
  COMMUTATIVE;

  /** Whether a task with this direction writes a new version of the datum. */
  public boolean writes() {
    return this != IN;
  }

  /** Whether a task with this direction reads the datum's current version. */
  public boolean reads() {
    return this != OUT;
  }
}
