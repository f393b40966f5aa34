package io.taskbeam.pipelines.genetic;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** The generations loop: fitness, selection and breeding as tasks over fragments. */
public final class Genetic {
  private Genetic() {}

  /** Told about the best cost of every generation, at each sync point. */
  public interface Progress {
    void synced(List<Selection> generations);
  }

  /**
   * Evolves {@code generations} generations and returns the fittest individual of the last; syncs
   * every {@code perSync} generations to report progress.
   */
  public static Individual evolve(
      TaskBeam tb, GaSettings s, int generations, int perSync, Progress progress) {
    List<TaskFuture<DMatrixRMaj>> fragments = new ArrayList<>();
    for (int f = 0; f < s.fragments(); f++) {
      fragments.add(tb.submit(Operators::initial, s, f));
    }
    List<TaskFuture<Selection>> pending = new ArrayList<>();
    TaskFuture<Selection> selection = null;
    for (int g = 0; g <= generations; g++) {
      List<TaskFuture<double[]>> costs = new ArrayList<>();
      for (TaskFuture<DMatrixRMaj> fragment : fragments) {
        costs.add(tb.submit(Operators::fitness, fragment));
      }
      selection = tb.submit(Operators::select, tb.collect(costs), s, g);
      pending.add(selection);
      if (g == generations) {
        break;
      }
      TaskFuture<List<DMatrixRMaj>> population = tb.collect(fragments);
      List<TaskFuture<DMatrixRMaj>> next = new ArrayList<>();
      for (int f = 0; f < s.fragments(); f++) {
        next.add(tb.submit(Operators::breed, population, selection, f, s));
      }
      fragments = next;
      if (pending.size() == perSync) {
        progress.synced(tb.waitOn(pending));
        pending.clear();
      }
    }
    TaskFuture<Individual> best = tb.submit(Operators::fittest, tb.collect(fragments), selection);
    Individual result = tb.waitOn(best);
    progress.synced(tb.waitOn(pending));
    return result;
  }
}
