package io.taskbeam;

/**
 * Told how many cores the task about to run on this thread may use ({@link Task#computingUnits()}),
 * and told 1 again when it ends: how a library sizes its own thread pool to the task.
 * Implementations are found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.taskbeam.ComputingUnitsHook}); {@code taskbeam-matrix} registers one that
 * sets the BLAS threads.
 */
public interface ComputingUnitsHook {
  /** The running task may use {@code units} cores from now on. */
  void use(int units);
}
