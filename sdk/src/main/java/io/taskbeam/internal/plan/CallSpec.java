package io.taskbeam.internal.plan;

import io.taskbeam.internal.graph.TaskFunction;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One task call as a worker runs it: the function, where each argument comes from, and the version
 * keys of what it writes ({@code outKeys[i]} for parameter i, null where it writes nothing; {@code
 * resultKey} for the return value, null for void; {@code partKeys[i]} for part i of a result split
 * into separate data, null for a part nobody reads).
 */
public record CallSpec(
    String taskName,
    TaskFunction function,
    ArgSource[] args,
    String[] outKeys,
    String resultKey,
    String[] partKeys)
    implements Serializable {

  /** A call whose result is not split. */
  public CallSpec(
      String taskName,
      TaskFunction function,
      ArgSource[] args,
      String[] outKeys,
      String resultKey) {
    this(taskName, function, args, outKeys, resultKey, new String[0]);
  }

  @Override
  public String toString() {
    return taskName + Arrays.toString(args);
  }
}
