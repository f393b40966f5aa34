package io.taskbeam.internal.flink;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.flink.util.MathUtils;

/**
 * Chooses the group keys of a stage's chunks so that Flink spreads them evenly over the stage's
 * parallel subtasks, i.e. over the TaskManagers.
 *
 * <p>A stage groups its inputs by chunk key. Beam's Flink batch translation keys the grouping by
 * the encoded key followed by the encoded window, and Flink's hash partitioner sends a record to
 * subtask {@code murmurHash(Arrays.hashCode(keyBytes)) % parallelism}. With the chunk index as the
 * key, the spread is uneven: of chunks 0..7 over 2 subtasks, 6 land on one while the other gets 2,
 * so one TaskManager does three quarters of the work. So chunk {@code i} gets the smallest unused
 * key that lands on subtask {@code i % parallelism}. This depends on Beam 2.70's Flink translation;
 * the cluster conformance test checks the resulting spread through Flink's REST API.
 */
public final class ChunkPlacement {
  private ChunkPlacement() {}

  /** Keys for {@code chunks} chunks over {@code parallelism} subtasks: chunk index to key. */
  public static IntUnaryOperator forFlink(int chunks, int parallelism) {
    int[] keys = new int[chunks];
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < chunks; i++) {
      int want = i % parallelism;
      int key = 0;
      while (used.contains(key) || subtask(key, parallelism) != want) {
        key++;
      }
      used.add(key);
      keys[i] = key;
    }
    return i -> keys[i];
  }

  /** The subtask Flink's batch GroupByKey sends key {@code key} to. */
  static int subtask(int key, int parallelism) {
    try {
      byte[] k = CoderUtils.encodeToByteArray(VarIntCoder.of(), key);
      byte[] w = CoderUtils.encodeToByteArray(GlobalWindow.Coder.INSTANCE, GlobalWindow.INSTANCE);
      byte[] both = Arrays.copyOf(k, k.length + w.length);
      System.arraycopy(w, 0, both, k.length, w.length);
      return MathUtils.murmurHash(Arrays.hashCode(both)) % parallelism;
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }
}
