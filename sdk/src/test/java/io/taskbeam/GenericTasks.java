package io.taskbeam;

import static io.taskbeam.Direction.INOUT;

import java.util.ArrayList;
import java.util.List;

/**
 * Generic and overloaded task methods, submitted the way {@link GenericAndOverloadedTest} shows.
 */
final class GenericTasks {
  private GenericTasks() {}

  @Task
  static <T> List<T> firstTwo(List<T> xs) {
    return new ArrayList<>(xs.subList(0, 2));
  }

  @Task
  static <T extends Comparable<T>> T largest(List<T> xs) {
    T best = xs.get(0);
    for (T x : xs) {
      best = x.compareTo(best) > 0 ? x : best;
    }
    return best;
  }

  @Task
  static int size(List<String> xs) {
    return xs.size();
  }

  @Task
  static int size(List<String> xs, int extra) {
    return xs.size() + extra;
  }

  @Task
  static void append(@Param(INOUT) ArrayList<String> xs, String x) {
    xs.add(x);
  }

  @Task
  static void append(@Param(INOUT) ArrayList<String> xs, String x, int times) {
    for (int i = 0; i < times; i++) {
      xs.add(x);
    }
  }
}
