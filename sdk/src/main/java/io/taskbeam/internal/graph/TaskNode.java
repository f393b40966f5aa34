package io.taskbeam.internal.graph;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One submitted task call: which version of each argument it reads, which versions it writes, and
 * the pending tasks it depends on. {@code inputs[i]} is null for an OUT parameter; {@code
 * outputs[i]} is null for an IN parameter.
 */
public final class TaskNode {
  private final long id;
  private final int order;
  private final TaskFunction function;
  private final DataVersion[] inputs;
  private final DataVersion[] outputs;
  private final DataVersion result;
  private final Set<TaskNode> predecessors = new LinkedHashSet<>();
  private List<DataVersion> parts = List.of();
  private final int group;

  /** Its identity for checkpoints ({@code Identities}), or null: none, or journaled already. */
  private byte[] identity;

  TaskNode(
      long id,
      int order,
      TaskFunction function,
      DataVersion[] inputs,
      DataVersion[] outputs,
      DataVersion result,
      int group) {
    this.id = id;
    this.order = order;
    this.function = function;
    this.inputs = inputs;
    this.outputs = outputs;
    this.result = result;
    this.group = group;
  }

  public long id() {
    return id;
  }

  /** Position among the tasks pending at the same sync point, in submission order. */
  public int order() {
    return order;
  }

  /** {@code multiplyRows#3}. */
  public String name() {
    return function.shortName() + "#" + id;
  }

  public TaskFunction function() {
    return function;
  }

  public DataVersion input(int param) {
    return inputs[param];
  }

  public DataVersion output(int param) {
    return outputs[param];
  }

  /** The version holding the return value, or null for a void task. */
  public DataVersion result() {
    return result;
  }

  /**
   * The parts of the result made separate data by {@link TaskGraph#split}, in order; empty when the
   * result is not split.
   */
  public List<DataVersion> parts() {
    return parts;
  }

  void setParts(List<DataVersion> parts) {
    this.parts = List.copyOf(parts);
  }

  /** Pending tasks whose results this task reads (read-after-write edges only). */
  public Set<TaskNode> predecessors() {
    return Collections.unmodifiableSet(predecessors);
  }

  void addPredecessor(TaskNode node) {
    predecessors.add(node);
  }

  /** The commutative group this task belongs to, or -1. */
  public int group() {
    return group;
  }

  @Override
  public String toString() {
    return name();
  }

  /** The identity checkpoints gave this task, or null. */
  public byte[] identity() {
    return identity;
  }

  /** Gives this task its identity, or drops it with null (checkpoints only). */
  public void identify(byte[] identity) {
    this.identity = identity;
  }
}
