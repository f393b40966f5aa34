package io.taskbeam.internal.exec;

import io.taskbeam.ComputingUnitsHook;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Semaphore;

/**
 * The worker JVM's cores, shared by the calls it runs: a call takes its computing units before it
 * starts and gives them back when it ends, so calls asking several cores never run more at once
 * than the cores allow. The registered {@link ComputingUnitsHook}s hear of each call that asks more
 * than one.
 */
final class CoreBudget {
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final Semaphore FREE = new Semaphore(CORES, true);
  private static final List<ComputingUnitsHook> HOOKS =
      ServiceLoader.load(ComputingUnitsHook.class, CoreBudget.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .toList();

  private CoreBudget() {}

  /** Units a call asking {@code requested} takes here: at most every core of this worker. */
  static int units(int requested) {
    return Math.min(requested, CORES);
  }

  /** Waits until {@code units} cores are free and takes them. */
  static void take(int units) throws InterruptedException {
    FREE.acquire(units);
    if (units > 1) {
      HOOKS.forEach(h -> h.use(units));
    }
  }

  static void give(int units) {
    if (units > 1) {
      HOOKS.forEach(h -> h.use(1));
    }
    FREE.release(units);
  }
}
