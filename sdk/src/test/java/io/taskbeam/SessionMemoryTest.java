package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session forgets what the program can no longer reach: data whose futures were dropped, captured
 * arguments once their readers ran, versions replaced by later writes. (The retained heap of a
 * million-task session is measured by benchmarks/SessionMemory, not here.)
 */
class SessionMemoryTest {
  private static final Pattern HELD = Pattern.compile("(\\d+) data, (\\d+) values");

  @TempDir Path work;

  @Test
  void droppedFuturesAndFinishedArgumentsAreReleased() throws Exception {
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=InMemoryRunner", "--parallelism=2", "--workDir=" + work, "--observe=false")) {
      TaskFuture<double[]> acc = tb.put(new double[] {0});
      for (int sync = 1; sync <= 4; sync++) {
        TaskFuture<Integer> last = null;
        for (int i = 0; i < 500; i++) {
          last = tb.submit(TestTasks::add, 1000 + i, sync);
        }
        tb.submit(TestTasks::increment, acc);
        assertThat(tb.waitOn(last), is(1499 + sync));
        last = null;
        collectUntilHeld(tb, 2);
        // what is left: acc (its latest version) and nothing else
        assertThat(held(tb)[0], lessThanOrEqualTo(2L));
      }
      assertThat(tb.waitOn(acc)[0], is(4.0));
      assertThat(tb.held(), equalTo("1 data, 1 values"));
    }
  }

  /** Lets the GC clear dropped futures until the session holds at most {@code data} data. */
  private static void collectUntilHeld(TaskBeam tb, long data) throws InterruptedException {
    for (int i = 0; i < 50 && held(tb)[0] > data; i++) {
      System.gc();
      Thread.sleep(20);
      tb.barrier();
    }
  }

  private static long[] held(TaskBeam tb) {
    Matcher m = HELD.matcher(tb.held());
    assertThat(tb.held(), m.matches(), is(true));
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }
}
