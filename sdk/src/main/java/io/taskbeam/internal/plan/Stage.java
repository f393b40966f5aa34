package io.taskbeam.internal.plan;

import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.graph.TaskFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * One ParDo of the pipeline: the tasks of one function at one depth of the graph, packed into
 * chunks.
 *
 * @param index position in {@link Plan#stages()}; stages only read from lower indices
 * @param name the Beam step name, derived from the function ({@code multiplyAccumulate@2})
 * @param depth length of the longest chain of pending tasks before these tasks
 * @param chunks the elements of the stage's main input
 * @param sideInputs version key to the index of the stage computing it, or {@link #DRIVER}
 * @param driverSide values of the side inputs supplied by the program or stored by earlier sync
 *     points
 * @param mainRoutes producing stage index to (version key to the chunk indices reading it); an
 *     empty map for a priority stage this one only waits for
 */
public record Stage(
    int index,
    String name,
    TaskFunction function,
    int depth,
    List<ChunkSpec> chunks,
    SortedMap<String, Integer> sideInputs,
    Map<String, DriverValue> driverSide,
    SortedMap<Integer, SortedMap<String, List<Integer>>> mainRoutes) {

  /** Marks a side input whose value comes from the driver or the work directory. */
  public static final int DRIVER = -1;

  public int taskCount() {
    return chunks.stream().mapToInt(c -> c.calls().size()).sum();
  }

  /**
   * The values earlier stages route to {@code chunk} through its main input, each as {@code
   * emitted} gives the version (for runners that run a plan's stages themselves, without Beam).
   */
  public Map<String, Object> routedTo(ChunkSpec chunk, Function<String, Object> emitted) {
    Map<String, Object> main = new HashMap<>();
    for (Map<String, List<Integer>> routes : mainRoutes.values()) {
      routes.forEach(
          (key, readers) -> {
            if (readers.contains(chunk.index())) {
              main.put(key, emitted.apply(key));
            }
          });
    }
    return main;
  }

  /**
   * The stage's side inputs: the driver's (a reference to a file stays one) or, as {@code emitted}
   * gives them, earlier stages'.
   */
  public Map<String, Object> sideValues(Function<String, Object> emitted) {
    Map<String, Object> side = new HashMap<>();
    sideInputs.forEach(
        (key, from) -> {
          if (from == DRIVER) {
            DriverValue v = driverSide.get(key);
            side.put(key, v.inline() != null ? decode(v.inline()) : v.stored());
          } else {
            side.put(key, emitted.apply(key));
          }
        });
    return side;
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a side input: " + e.getMessage(), e);
    }
  }
}
