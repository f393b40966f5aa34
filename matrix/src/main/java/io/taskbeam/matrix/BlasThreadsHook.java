package io.taskbeam.matrix;

import io.taskbeam.ComputingUnitsHook;

/**
 * Gives a task's BLAS products as many threads as the task's computing units
 * ({@code @Task(computingUnits = N)}), and 1 again after it. OpenBLAS's thread count is one per
 * JVM, so the worker's core budget (calls run only while their units fit its cores) is what keeps
 * two such tasks from oversubscribing it. With the Java kernel (no native BLAS) there is nothing to
 * size: it runs on one thread.
 */
public final class BlasThreadsHook implements ComputingUnitsHook {
  @Override
  public void use(int units) {
    if (Gemm.isNative()) {
      Gemm.setThreads(units);
    }
  }
}
