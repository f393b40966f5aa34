package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkPlacementTest {
  @ParameterizedTest(name = "{0} chunks over {1} subtasks")
  @CsvSource({"2, 2", "8, 2", "3, 2", "12, 4", "7, 3", "1, 5", "64, 16"})
  void chunkIGoesToSubtaskIModP(int chunks, int parallelism) {
    IntUnaryOperator key = ChunkPlacement.forFlink(chunks, parallelism);
    Set<Integer> keys = new HashSet<>();
    for (int i = 0; i < chunks; i++) {
      assertThat(
          "chunk " + i,
          ChunkPlacement.subtask(key.applyAsInt(i), parallelism),
          is(i % parallelism));
      keys.add(key.applyAsInt(i));
    }
    assertThat("keys are distinct", keys.size(), is(chunks));
  }

  /** Why this class exists: plain indices 0..7 put 6 of 8 chunks on one of 2 subtasks. */
  @Test
  void plainIndicesAreUneven() {
    int onSubtask1 = 0;
    for (int i = 0; i < 8; i++) {
      onSubtask1 += ChunkPlacement.subtask(i, 2);
    }
    assertThat(onSubtask1, is(6));
  }
}
