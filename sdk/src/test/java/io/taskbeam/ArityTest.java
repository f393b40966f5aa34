package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Six parameters in any mix of values and futures. */
class ArityTest {
  @TempDir Path work;

  @Test
  void sixParametersInAnyMixOfValuesAndFutures() {
    try (TaskBeam tb =
        TaskBeam.start("--runner=DirectRunner", "--observe=false", "--workDir=" + work)) {
      TaskFuture<Integer> two = tb.submit(ArityTasks::scale, 1, 2);
      TaskFuture<Integer> five = tb.submit(ArityTasks::scale, 5, 1);
      TaskFuture<Long> six = tb.submit(ArityTasks::six, 1, two, 3, 4, five, 6);
      TaskFuture<long[]> out = tb.put(new long[1]);
      tb.submit(ArityTasks::sixInto, two, 1, 1, 1, 1, out);
      assertThat(tb.waitOn(six), is(654321L));
      assertThat(tb.waitOn(out)[0], is(11112L));
    }
  }

  /** Above the limit: one line at submit, naming the task and the fix. */
  @Test
  @SuppressWarnings("deprecation")
  void aTaskAboveTheLimitIsRefusedInOneLine() {
    try (TaskBeam tb =
        TaskBeam.start("--runner=DirectRunner", "--observe=false", "--workDir=" + work)) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> tb.submit(ArityTasks::seven, 1, 2, 3, 4, 5, 6, 7));
      org.hamcrest.MatcherAssert.assertThat(
          e.getMessage(),
          org.hamcrest.Matchers.equalTo(
              "task ArityTasks.seven has 7 parameters; submit takes at most 6: pass some of them "
                  + "together as one record"));
    }
  }
}
