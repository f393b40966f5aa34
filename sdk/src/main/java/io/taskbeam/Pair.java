package io.taskbeam;

import java.io.Serializable;

/**
 * Two results of one task (PyCOMPSs {@code returns=2}). Return it from a task and {@link
 * TaskBeam#split(TaskFuture) split} the future: each part is a future of its own, computed by that
 * same task, that later tasks can take alone.
 *
 * <pre>{@code
 * @Task static Pair<Double, Double> minMax(double[] x) { ... }
 *
 * Pair<TaskFuture<Double>, TaskFuture<Double>> mm = tb.split(tb.submit(Stats::minMax, x));
 * TaskFuture<Double> range = tb.submit(Stats::difference, mm.second(), mm.first());
 * }</pre>
 */
public record Pair<A, B>(A first, B second) implements Serializable {
  private static final long serialVersionUID = 1L;
}
