package io.taskbeam.internal.graph;

import io.taskbeam.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's record of data and pending tasks. {@link #addTask} applies COMPSs' renaming: a task
 * that writes a datum creates its next version, readers bind to the version current when they were
 * submitted, and only read-after-write edges are recorded.
 *
 * <p>Commutative updates: consecutive COMMUTATIVE calls of one function on one datum join an open
 * group, which the compiler runs as one unit in any order. Any other access to the datum, or a sync
 * point, closes the group; so does a call that depends on a task which itself depends on the group
 * (joining would make the group wait for itself).
 */
public final class TaskGraph {
  private final Map<Long, Datum> data = new HashMap<>();
  private final List<TaskNode> pending = new ArrayList<>();
  private final Map<TaskNode, Set<Integer>> groupsReached = new HashMap<>();
  private List<DataVersion> retired = new ArrayList<>();
  private long nextDatum = 1;
  private long nextTask = 1;
  private int nextGroup = 0;

  /** Position of the next task among those pending (not reused after a cancel). */
  private int nextOrder = 0;

  /** A datum keeps only its latest version: older ones live on in the tasks reading them. */
  private static final class Datum {
    final long id;
    DataVersion latest;
    int openGroup = -1;
    TaskFunction openGroupFunction;

    Datum(long id) {
      this.id = id;
    }

    DataVersion latest() {
      return latest;
    }

    DataVersion next(List<DataVersion> retired) {
      if (latest != null) {
        retired.add(latest);
      }
      latest = new DataVersion(id, latest == null ? 1 : latest.version() + 1);
      return latest;
    }

    DataVersion next() {
      latest = new DataVersion(id, 1);
      return latest;
    }
  }

  /**
   * Registers a program-supplied value as a new datum (version 1, computed by nobody); returns its
   * id. The value itself goes to the data store under {@code latest(id).key()}.
   */
  public long supply() {
    Datum d = new Datum(nextDatum++);
    data.put(d.id, d);
    d.next();
    return d.id;
  }

  /**
   * Gives {@code datum} a new latest version that exists already (no producer), leaving the pending
   * readers on the one before: how a file is renamed when a writer comes while readers are pending.
   * The caller stores both values.
   */
  public DataVersion renew(long datum) {
    return datum(datum).next(retired);
  }

  /** Data the graph holds: bounded by what futures, files and pending tasks still reach. */
  public int size() {
    return data.size();
  }

  /**
   * Forgets {@code datum} when nothing pending produces or reads its latest version (older versions
   * are only reachable from pending tasks, which hold them). Returns the version forgotten, whose
   * value the caller drops, or null when the datum is still in use.
   */
  public DataVersion release(long datum) {
    Datum d = data.get(datum);
    if (d == null || d.latest.producer() != null || !d.latest.readers().isEmpty()) {
      return null;
    }
    data.remove(datum);
    return d.latest;
  }

  /**
   * Versions replaced by a later write since the last call: once the tasks pending now ran, nothing
   * can read them, so the caller drops their values after the sync point.
   */
  public List<DataVersion> takeRetired() {
    List<DataVersion> taken = new ArrayList<>();
    List<DataVersion> still = new ArrayList<>();
    for (DataVersion v : retired) {
      // still read or computed by tasks left pending by a partial take: not yet
      (v.producer() == null && v.readers().isEmpty() ? taken : still).add(v);
    }
    retired = still;
    return taken;
  }

  /** The version a handle on {@code datum} names now. */
  public DataVersion latest(long datum) {
    return datum(datum).latest();
  }

  /**
   * Records one call. {@code args[i]} is the id of the datum passed as parameter i. Returns the new
   * node; its {@link TaskNode#result()} names the datum of the return value, if any.
   */
  public TaskNode addTask(TaskFunction fn, long[] args) {
    int n = fn.arity();
    DataVersion[] inputs = new DataVersion[n];
    DataVersion[] outputs = new DataVersion[n];
    Set<TaskNode> preds = new HashSet<>();
    int commutativeParam = -1;
    for (int i = 0; i < n; i++) {
      Direction dir = fn.direction(i);
      if (dir.reads()) {
        inputs[i] = datum(args[i]).latest();
        if (inputs[i].producer() != null) {
          preds.add(inputs[i].producer());
        }
      }
      if (dir == Direction.COMMUTATIVE) {
        commutativeParam = i;
      }
    }
    int group =
        commutativeParam < 0
            ? -1
            : groupFor(datum(args[commutativeParam]), fn, inputs[commutativeParam], preds);
    for (int i = 0; i < n; i++) {
      Datum d = datum(args[i]);
      if (i != commutativeParam && d.openGroup >= 0) {
        d.openGroup = -1;
      }
      if (fn.direction(i).writes()) {
        outputs[i] = d.next(retired);
      }
    }
    DataVersion result = null;
    if (fn.returnsValue()) {
      Datum d = new Datum(nextDatum++);
      data.put(d.id, d);
      result = d.next();
    }
    TaskNode node = new TaskNode(nextTask++, nextOrder++, fn, inputs, outputs, result, group);
    for (int i = 0; i < n; i++) {
      if (inputs[i] != null) {
        inputs[i].addReader(node);
      }
      if (outputs[i] != null) {
        outputs[i].producedBy(node);
      }
    }
    if (result != null) {
      result.producedBy(node);
    }
    Set<Integer> reached = new HashSet<>();
    for (TaskNode pred : preds) {
      node.addPredecessor(pred);
      reached.addAll(groupsReached.getOrDefault(pred, Set.of()));
      if (pred.group() >= 0) {
        reached.add(pred.group());
      }
    }
    if (!reached.isEmpty()) {
      groupsReached.put(node, reached);
    }
    pending.add(node);
    return node;
  }

  /**
   * Makes each of the {@code n} parts of {@code datum}'s pending result a datum of its own,
   * computed by the same task (COMPSs' {@code returns=n}): no extra task extracts them. Returns the
   * parts' datum ids; splitting the same result again returns the same ids.
   */
  public long[] split(long datum, int n) {
    DataVersion result = datum(datum).latest();
    TaskNode producer = result.producer();
    if (producer == null || producer.result() != result) {
      throw new IllegalStateException(
          "split takes the future of a task submitted since the "
              + "last sync point (its result is not computed yet); this one is "
              + (producer == null ? "already computed or a program value" : "an in-place update")
              + ": split right after submit");
    }
    if (!producer.parts().isEmpty()) {
      if (producer.parts().size() != n) {
        throw new IllegalArgumentException(
            "the result of "
                + producer
                + " was split into "
                + producer.parts().size()
                + " parts already, not "
                + n);
      }
    } else {
      List<DataVersion> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Datum d = new Datum(nextDatum++);
        data.put(d.id, d);
        DataVersion v = d.next();
        v.producedBy(producer);
        parts.add(v);
      }
      producer.setParts(parts);
    }
    return producer.parts().stream().mapToLong(DataVersion::datum).toArray();
  }

  /**
   * Takes {@code tasks} and every pending task that depends on them, directly or not, out of the
   * pending tasks without running them; returns them in submission order. The versions they would
   * have written have no producer afterwards: the caller marks them lost.
   */
  public List<TaskNode> cancel(Set<TaskNode> tasks) {
    Set<TaskNode> cancelled = new HashSet<>();
    List<TaskNode> taken = new ArrayList<>();
    for (TaskNode t : pending) {
      boolean hit = tasks.contains(t);
      for (TaskNode pred : t.predecessors()) {
        hit |= cancelled.contains(pred);
      }
      if (hit) {
        cancelled.add(t);
        taken.add(t);
      }
    }
    pending.removeAll(cancelled);
    for (TaskNode t : taken) {
      unhook(t);
    }
    return taken;
  }

  /**
   * A taken task an earlier run finished ({@code --resume}): its outputs exist without it (the
   * caller stores those still read) and it reads nothing any more.
   */
  public void resumed(TaskNode t) {
    unhook(t);
  }

  /** {@code t} leaves the graph without running: it reads nothing and computes nothing. */
  private void unhook(TaskNode t) {
    groupsReached.remove(t);
    for (int i = 0; i < t.function().arity(); i++) {
      if (t.input(i) != null) {
        t.input(i).removeReader(t);
      }
      if (t.output(i) != null) {
        t.output(i).unproduce();
      }
    }
    if (t.result() != null) {
      t.result().unproduce();
    }
    for (DataVersion part : t.parts()) {
      part.unproduce();
    }
  }

  /** Joins the datum's open group when that keeps the graph acyclic, else opens a new one. */
  private int groupFor(Datum d, TaskFunction fn, DataVersion current, Set<TaskNode> preds) {
    int open = d.openGroup;
    boolean joinable =
        open >= 0
            && fn.equals(d.openGroupFunction)
            && current.producer() != null
            && current.producer().group() == open;
    if (joinable) {
      for (TaskNode pred : preds) {
        if (pred.group() != open && groupsReached.getOrDefault(pred, Set.of()).contains(open)) {
          joinable = false;
          break;
        }
      }
    }
    if (!joinable) {
      d.openGroup = nextGroup++;
      d.openGroupFunction = fn;
    }
    return d.openGroup;
  }

  /** The pending tasks in submission order. */
  public List<TaskNode> pending() {
    return List.copyOf(pending);
  }

  /** How many tasks are pending. */
  public int pendingCount() {
    return pending.size();
  }

  /**
   * Hands the pending tasks to a sync point and starts a new epoch: open commutative groups close,
   * so later updates form new groups.
   */
  public List<TaskNode> takePending() {
    List<TaskNode> taken = List.copyOf(pending);
    pending.clear();
    nextOrder = 0;
    groupsReached.clear();
    for (Datum d : data.values()) {
      d.openGroup = -1;
    }
    return taken;
  }

  /**
   * Hands the first {@code n} pending tasks to a sync point (all of them when there are no more);
   * the rest stay pending. Every predecessor of a task comes before it, so the first {@code n} are
   * closed under dependence; the caller does not cut through a commutative group. Open groups
   * close: later updates form new ones.
   */
  public List<TaskNode> takePending(int n) {
    if (n >= pending.size()) {
      return takePending();
    }
    List<TaskNode> taken = List.copyOf(pending.subList(0, n));
    pending.subList(0, n).clear();
    for (TaskNode t : taken) {
      groupsReached.remove(t);
    }
    for (Datum d : data.values()) {
      d.openGroup = -1;
    }
    return taken;
  }

  /** Every version any of {@code tasks} writes that is still its datum's latest. */
  public List<DataVersion> latestWrittenBy(List<TaskNode> tasks) {
    List<DataVersion> latest = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        addIfLatest(t.output(i), latest, seen);
      }
      addIfLatest(t.result(), latest, seen);
      for (DataVersion part : t.parts()) {
        addIfLatest(part, latest, seen);
      }
    }
    return latest;
  }

  private void addIfLatest(DataVersion v, List<DataVersion> into, Set<Long> seen) {
    if (v != null && datum(v.datum()).latest() == v && seen.add(v.datum())) {
      into.add(v);
    }
  }

  /**
   * After a sync point (run or failed): its tasks are no longer pending, so no version they read or
   * write has a pending producer or reader any more.
   */
  public void settle(List<TaskNode> tasks) {
    if (!pending.isEmpty()) {
      settleSome(tasks);
      return;
    }
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.input(i) != null) {
          t.input(i).settle();
        }
        if (t.output(i) != null) {
          t.output(i).settle();
        }
      }
      if (t.result() != null) {
        t.result().settle();
      }
      for (DataVersion part : t.parts()) {
        part.settle();
      }
    }
  }

  /** As {@link #settle}, when tasks stay pending that may produce or read the same versions. */
  private void settleSome(List<TaskNode> tasks) {
    Set<TaskNode> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(tasks);
    Set<DataVersion> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        addIfSet(touched, t.input(i));
        addIfSet(touched, t.output(i));
      }
      addIfSet(touched, t.result());
      touched.addAll(t.parts());
    }
    for (DataVersion v : touched) {
      v.settleFor(gone);
    }
  }

  private static void addIfSet(Set<DataVersion> into, DataVersion v) {
    if (v != null) {
      into.add(v);
    }
  }

  private Datum datum(long id) {
    Datum d = data.get(id);
    if (d == null) {
      throw new IllegalArgumentException("unknown datum d" + id);
    }
    return d;
  }
}
