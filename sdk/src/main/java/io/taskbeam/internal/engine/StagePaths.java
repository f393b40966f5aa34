package io.taskbeam.internal.engine;

import io.taskbeam.internal.graph.TaskNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a job's stage graph from having too many paths. Flink's batch optimizer walks the job's
 * graph once per path from its sinks (a visitor without memory), so a deep job in which each stage
 * reads two earlier ones (a recursive Fibonacci of futures: 61 tasks, 59 stages) has about 10^12
 * paths and never starts, at full CPU. A flush whose tasks would make more than {@link #LIMIT}
 * stage paths takes the longest prefix of them (in submission order, so every task's inputs are in
 * its job or an earlier one) that stays within it; the rest follow in later jobs, which read what
 * the earlier ones stored. The graph here is the one the compiler builds before it fuses chains:
 * tasks of one function at one depth share a stage, so it counts at least the plan's paths.
 */
final class StagePaths {
  /** Paths (summed over the stages) a job may have: the optimizer's walk stays well under 1 s. */
  static final long LIMIT = 100_000;

  private StagePaths() {}

  /** How many of the first {@code n} pending tasks one job takes: {@code n}, or fewer (>= 1). */
  static int within(List<TaskNode> pending, int n) {
    if (n <= 1 || paths(pending, n) <= LIMIT) {
      return n;
    }
    int lo = 1;
    int hi = n - 1;
    while (lo < hi) { // the largest prefix within the limit: paths grow with the prefix
      int mid = (lo + hi + 1) >>> 1;
      if (paths(pending, mid) <= LIMIT) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The paths of the stage graph of the first {@code n} pending tasks, at most LIMIT + 1. */
  static long paths(List<TaskNode> pending, int n) {
    Map<TaskNode, String> stageOf = new IdentityHashMap<>();
    Map<TaskNode, Integer> depthOf = new IdentityHashMap<>();
    Map<String, Set<String>> producers = new HashMap<>();
    List<List<String>> byDepth = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TaskNode t = pending.get(i);
      int depth = 0;
      for (TaskNode pred : t.predecessors()) {
        Integer d = depthOf.get(pred);
        if (d != null) {
          depth = Math.max(depth, d + 1);
        }
      }
      String stage = t.function().id() + "@" + depth;
      depthOf.put(t, depth);
      stageOf.put(t, stage);
      Set<String> from = producers.get(stage);
      if (from == null) {
        from = new LinkedHashSet<>();
        producers.put(stage, from);
        while (byDepth.size() <= depth) {
          byDepth.add(new ArrayList<>());
        }
        byDepth.get(depth).add(stage);
      }
      for (TaskNode pred : t.predecessors()) {
        String p = stageOf.get(pred);
        if (p != null) {
          from.add(p);
        }
      }
    }
    Map<String, Long> paths = new HashMap<>();
    long total = 0;
    for (List<String> stages : byDepth) {
      for (String stage : stages) {
        long p = producers.get(stage).isEmpty() ? 1 : 0;
        for (String from : producers.get(stage)) {
          p = Math.min(LIMIT + 1, p + paths.get(from));
        }
        paths.put(stage, p);
        total = Math.min(LIMIT + 1, total + p);
      }
    }
    return total;
  }
}
