package io.taskbeam.internal.dashboard;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task graph the page draws: every task with its live state while the run has at most {@value
 * #NODE_LIMIT} tasks; past that the task nodes are dropped and only the aggregated view is kept,
 * one node per task function and an edge where one function's results feed another (Dask does the
 * same above a few thousand tasks). A node's depth is one more than its deepest producer, which
 * gives the page its columns. Not thread-safe: {@link LiveRun} holds the lock.
 */
final class TaskGraphView {
  /** Tasks drawn one by one; a larger run shows the per-function view only. */
  static final int NODE_LIMIT = 2_000;

  /** Edges between task nodes kept (tasks with many inputs stop adding edges past it). */
  static final int EDGE_LIMIT = 8_000;

  /** Edges between functions kept. */
  static final int FUNCTION_EDGE_LIMIT = 4_096;

  private final Map<Long, Integer> byId = new HashMap<>();
  private final Map<String, Integer> byName = new HashMap<>();
  private int[] function = new int[64];
  private int[] depth = new int[64];
  private char[] state = new char[64];
  private int[] edges = new int[128];
  private int nodes;
  private int edgeCount;
  private boolean aggregated;
  private final Map<Long, Long> functionEdges = new TreeMap<>();
  private long version;

  /** Whether task nodes are still kept (the observer then hands each task to {@link #add}). */
  boolean keepsTasks() {
    return !aggregated;
  }

  /** A task submitted to a sync point, with the ids of the tasks whose results it reads. */
  void add(long id, String name, int fn, long[] producers) {
    if (aggregated) {
      return;
    }
    if (nodes == NODE_LIMIT) {
      aggregate();
      return;
    }
    if (nodes == function.length) {
      function = Arrays.copyOf(function, nodes * 2);
      depth = Arrays.copyOf(depth, nodes * 2);
      state = Arrays.copyOf(state, nodes * 2);
    }
    int d = 0;
    for (long p : producers) {
      Integer from = byId.get(p);
      if (from == null) {
        continue;
      }
      d = Math.max(d, depth[from] + 1);
      if (edgeCount < EDGE_LIMIT) {
        if (2 * edgeCount + 2 > edges.length) {
          edges = Arrays.copyOf(edges, edges.length * 2);
        }
        edges[2 * edgeCount] = from;
        edges[2 * edgeCount + 1] = nodes;
        edgeCount++;
      }
    }
    function[nodes] = fn;
    depth[nodes] = d;
    state[nodes] = TaskState.WAITING.code;
    byId.put(id, nodes);
    byName.put(name, nodes);
    nodes++;
    version++;
  }

  /** One function's results feed another's tasks (from the plan's stages, kept in any mode). */
  void functionEdge(int from, int to) {
    long key = ((long) from << 32) | to;
    if (functionEdges.containsKey(key) || functionEdges.size() < FUNCTION_EDGE_LIMIT) {
      if (functionEdges.merge(key, 1L, Long::sum) == 1L) {
        version++;
      }
    }
  }

  /** Changes with the graph's structure (not with its states). */
  long version() {
    return version;
  }

  /** The named task's new state; unknown names (past the limit) are ignored. */
  void state(String name, TaskState s) {
    if (aggregated) {
      return;
    }
    Integer at = byName.get(name);
    if (at != null && !(s == TaskState.RUNNING && state[at] != TaskState.WAITING.code)) {
      state[at] = s.code;
    }
  }

  /**
   * The graph: its structure (only when {@code knownVersion} differs from the current one, so a
   * client that has it gets just the states) and the task states as one letter per node.
   */
  void write(JsonWriter json, long knownVersion) {
    json.name("graph").beginObject();
    json.member("mode", aggregated ? "functions" : "tasks").member("version", version);
    json.member("limit", NODE_LIMIT);
    if (knownVersion != version) {
      json.name("nodes").beginArray();
      for (int i = 0; i < nodes; i++) {
        json.beginArray().value(function[i]).value(depth[i]).endArray();
      }
      json.endArray();
      json.name("edges").beginArray();
      for (int i = 0; i < edgeCount; i++) {
        json.beginArray().value(edges[2 * i]).value(edges[2 * i + 1]).endArray();
      }
      json.endArray();
      json.name("functionEdges").beginArray();
      functionEdges.forEach(
          (key, count) ->
              json.beginArray().value(key >>> 32).value(key & 0xffffffffL).value(count).endArray());
      json.endArray();
    }
    json.member("states", new String(state, 0, nodes));
    json.endObject();
  }

  /** Entries held: task nodes, their index by id and name, task edges, function edges. */
  int retainedEntries() {
    return nodes + byId.size() + byName.size() + edgeCount + functionEdges.size();
  }

  /** Drops the task nodes for good: from now on only the per-function view. */
  void aggregate() {
    aggregated = true;
    byId.clear();
    byName.clear();
    function = new int[0];
    depth = new int[0];
    state = new char[0];
    edges = new int[0];
    nodes = 0;
    edgeCount = 0;
    version++;
  }
}
