package io.taskbeam;

/**
 * How a task uses one of its parameters; declared on the method with {@link Param}.
 *
 * <p>Directions decide the task graph's edges. Every write makes a new version of the datum
 * (renaming, as COMPSs does): a task that reads version 1 keeps reading version 1 even when a later
 * task writes version 2, so only true read-after-write dependencies order tasks.
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
   * Modified in place by updates that may be applied in any order, such as accumulating {@code c +=
   * a * b}. Consecutive commutative updates of one datum run as one unit of work without ordering
   * edges between them.
   */
  COMMUTATIVE,
  /**
   * A file the task reads. The parameter is declared {@code String} or {@code Path}; the program
   * passes the file's path and the task receives it as an absolute path, to open where it runs (the
   * file must be on a file system every worker sees). The path is the datum: a task that writes the
   * file (FILE_OUT, FILE_INOUT) runs before the FILE_IN tasks submitted after it. The file must
   * exist at submit unless a task submitted earlier writes it.
   */
  FILE_IN,
  /**
   * A file the task creates or overwrites; see {@link #FILE_IN}. Writes of one file run in
   * submission order. A writer submitted while tasks that read the file are still pending renames,
   * as COMPSs does: those tasks read a copy of the file as it was, in the session's work directory.
   * When the content they read is itself still to be written by a pending task, there is nothing to
   * copy yet: the pending tasks become a job first (as at a sync point, without waiting for it),
   * and the writer runs after it.
   */
  FILE_OUT,
  /** A file the task reads and modifies in place; see {@link #FILE_IN} and {@link #FILE_OUT}. */
  FILE_INOUT;

  /** Whether a task with this direction writes a new version of the datum. */
  public boolean writes() {
    return this != IN && this != FILE_IN;
  }

  /**
   * Whether a task with this direction takes the datum's current version as input. A FILE_OUT task
   * takes it too (the path), which orders the writes of one file.
   */
  public boolean reads() {
    return this != OUT;
  }

  /** Whether the parameter is a file path rather than a value. */
  public boolean isFile() {
    return this == FILE_IN || this == FILE_OUT || this == FILE_INOUT;
  }
}
