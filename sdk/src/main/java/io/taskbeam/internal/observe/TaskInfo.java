package io.taskbeam.internal.observe;

import java.util.List;

/**
 * A task as the driver compiled it, for the graph and the trace.
 *
 * @param id the task number ({@code add#3} has id 3)
 * @param inputs what it reads, in parameter order, each a version key and the task that produced
 *     that version (0 for program values)
 * @param stage the stage index within its sync point's plan
 */
public record TaskInfo(
    long id, String name, String function, int sync, int stage, int chunk, List<Input> inputs) {

  public TaskInfo {
    inputs = List.copyOf(inputs);
  }

  /** One argument read: version key ({@code d3v2}) and producing task id, 0 if none. */
  public record Input(String key, long producer) {}
}
