package io.taskbeam.internal.observe;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One stage of a compiled plan, as the plan graph and the report show it.
 *
 * @param chunkTasks tasks per chunk, by chunk index
 * @param sideInputs version key to the producing stage, or -1 for a value from the driver
 * @param mainRoutes producing stage to (version key to the chunks reading it)
 * @param emittedBy version key to the chunk of this stage that emits it to later stages
 */
public record StageInfo(
    int sync,
    int index,
    String name,
    String function,
    int depth,
    List<Integer> chunkTasks,
    SortedMap<String, Integer> sideInputs,
    SortedMap<Integer, SortedMap<String, List<Integer>>> mainRoutes,
    Map<String, Integer> emittedBy) {

  public int tasks() {
    return chunkTasks.stream().mapToInt(Integer::intValue).sum();
  }

  public int chunks() {
    return chunkTasks.size();
  }
}
