package io.taskbeam.internal.graph;

import io.taskbeam.Direction;
import io.taskbeam.internal.data.StoredRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's record of data and pending tasks. {@link #addTask} applies COMPSs' renaming: a
 * task that writes a datum creates its next version, readers bind to the version current when
 * they were submitted, and only read-after-write edges are recorded.
 *
 * <p>Commutative updates: consecutive COMMUTATIVE calls of one function on one datum join an
 * open group, which the compiler runs as one unit in any order. Any other access to the datum,
 * or a sync point, closes the group; so does a call that depends on a task which itself depends
 * on the group (joining would make the group wait for itself).
 */
public final class TaskGraph {
  private final Map<Long, Datum> data = new HashMap<>();
  private final List<TaskNode> pending = new ArrayList<>();
  private final Map<TaskNode, Set<Integer>> groupsReached = new HashMap<>();
  private long nextDatum = 1;
  private long nextTask = 1;
  private int nextGroup = 0;

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

    DataVersion next() {
      latest = new DataVersion(id, latest == null ? 1 : latest.version() + 1);
      return latest;
    }
  }

  /** Registers a program-supplied value as a new datum; returns its id. */
  public long supply(byte[] encoded) {
    Datum d = new Datum(nextDatum++);
    data.put(d.id, d);
    d.next().supplied(encoded);
    return d.id;
  }

  /**
   * Registers a program-supplied value that {@code store} writes to the work directory, given
   * the key of its version; returns the datum's id.
   */
  public long supplyStored(java.util.function.Function<String, StoredRef> store) {
    Datum d = new Datum(nextDatum++);
    data.put(d.id, d);
    DataVersion v = d.next();
    v.markStored(store.apply(v.key()));
    return d.id;
  }

  /** The version a handle on {@code datum} names now. */
  public DataVersion latest(long datum) {
    return datum(datum).latest();
  }

  /**
   * Records one call. {@code args[i]} is the id of the datum passed as parameter i. Returns the
   * new node; its {@link TaskNode#result()} names the datum of the return value, if any.
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
    int group = commutativeParam < 0 ? -1
        : groupFor(datum(args[commutativeParam]), fn, inputs[commutativeParam], preds);
    for (int i = 0; i < n; i++) {
      Datum d = datum(args[i]);
      if (i != commutativeParam && d.openGroup >= 0) {
        d.openGroup = -1;
      }
      if (fn.direction(i).writes()) {
        outputs[i] = d.next();
      }
    }
    DataVersion result = null;
    if (fn.returnsValue()) {
      Datum d = new Datum(nextDatum++);
      data.put(d.id, d);
      result = d.next();
    }
    TaskNode node = new TaskNode(nextTask++, pending.size(), fn, inputs, outputs, result, group);
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

  /** Joins the datum's open group when that keeps the graph acyclic, else opens a new one. */
  private int groupFor(Datum d, TaskFunction fn, DataVersion current, Set<TaskNode> preds) {
    int open = d.openGroup;
    boolean joinable = open >= 0 && fn.equals(d.openGroupFunction)
        && current.producer() != null && current.producer().group() == open;
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

  /**
   * Hands the pending tasks to a sync point and starts a new epoch: open commutative groups
   * close, so later updates form new groups.
   */
  public List<TaskNode> takePending() {
    List<TaskNode> taken = List.copyOf(pending);
    pending.clear();
    groupsReached.clear();
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
    }
    return latest;
  }

  private void addIfLatest(DataVersion v, List<DataVersion> into, Set<Long> seen) {
    if (v != null && datum(v.datum()).latest() == v && seen.add(v.datum())) {
      into.add(v);
    }
  }

  /** After a failed sync point: the tasks will never run, so forget them as readers. */
  public void forgetReaders(List<TaskNode> tasks) {
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.input(i) != null) {
          t.input(i).clearReaders();
        }
      }
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
