package io.taskbeam.internal.engine;

import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named groups of submissions (COMPSs' {@code TaskGroup}): the members each group gathered since it
 * opened or last ran, and cancelling them. Groups do not nest.
 */
final class TaskGroups {
  private final TaskGraph graph;
  private final DataStore store;
  private final Map<String, List<TaskNode>> members = new HashMap<>();
  private String open;

  TaskGroups(TaskGraph graph, DataStore store) {
    this.graph = graph;
    this.store = store;
  }

  void open(String name) {
    if (open != null) {
      throw new IllegalStateException(
          "task group "
              + name
              + " opened inside group "
              + open
              + ": close that one first (groups do not nest)");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a task group needs a name; got \"" + name + "\"");
    }
    members.put(name, new ArrayList<>());
    open = name;
  }

  void close(String name) {
    if (name.equals(open)) {
      open = null;
    }
  }

  /** A task submitted now: a member of the open group, if any. */
  void add(TaskNode task) {
    if (open != null) {
      members.get(open).add(task);
    }
  }

  /** Whether some member of {@code name} is still pending. */
  boolean hasPending(String name) {
    List<TaskNode> of = members.get(name);
    if (of == null) {
      throw new IllegalArgumentException("no task group " + name + " in this session");
    }
    return anyPending(List.of(of));
  }

  /**
   * Whether a named group has a pending member (or one is open): its tasks must wait for the
   * group's barrier, a cancel or a sync point, so the flusher leaves the pending tasks alone.
   */
  boolean holdPending() {
    return open != null || anyPending(members.values());
  }

  /**
   * Whether a task of one of {@code groups} is pending; copies the pending tasks only if needed.
   */
  private boolean anyPending(Collection<List<TaskNode>> groups) {
    Set<TaskNode> pending = null;
    for (List<TaskNode> of : groups) {
      if (!of.isEmpty()) {
        if (pending == null) {
          pending = new HashSet<>(graph.pending());
        }
        if (of.stream().anyMatch(pending::contains)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The group's members ran: forget them. */
  void ran(String name) {
    members.get(name).clear();
  }

  /**
   * Cancels the group's pending tasks and every pending task that depends on them, without running
   * them; what they would have computed is lost (waiting on it throws, naming the group). Returns
   * how many tasks were cancelled.
   */
  int cancel(String name) {
    List<TaskNode> of = members.getOrDefault(name, new ArrayList<>());
    Set<TaskNode> pendingMembers = new HashSet<>(of);
    pendingMembers.retainAll(new HashSet<>(graph.pending()));
    List<TaskNode> cancelled = graph.cancel(pendingMembers);
    String reason = "task group " + name + " was cancelled";
    for (TaskNode t : cancelled) {
      List<DataVersion> written = new ArrayList<>(t.parts());
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.output(i) != null) {
          written.add(t.output(i));
        }
      }
      if (t.result() != null) {
        written.add(t.result());
      }
      for (DataVersion v : written) {
        store.markLost(v.key(), t.toString(), reason + " (" + t + " did not run)");
      }
    }
    of.clear();
    return cancelled.size();
  }
}
