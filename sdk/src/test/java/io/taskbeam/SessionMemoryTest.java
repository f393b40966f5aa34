package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  private static volatile CountDownLatch started = new CountDownLatch(1);
  private static volatile CountDownLatch release = new CountDownLatch(1);

  @Task
  public static int gatedFirst(int[] a) throws InterruptedException {
    started.countDown();
    if (!release.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the gate");
    }
    return a[0];
  }

  /**
   * A datum the program deletes while the job computing it runs, and that a sync point releases
   * meanwhile, stays released: the job's end does not bring its value back into the store, where
   * nothing would ever remove it (one value per such datum, for the rest of the session).
   */
  @Test
  @Timeout(60)
  void aValueReleasedWhileItsJobRunsIsNotStoredWhenTheJobEnds() throws Exception {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=InMemoryRunner",
            "--parallelism=2",
            "--workDir=" + work,
            "--observe=false",
            "--pipelined=true")) {
      TaskFuture<int[]> a = tb.put(new int[] {7});
      TaskFuture<Integer> first = tb.submit(SessionMemoryTest::gatedFirst, a);
      assertThat(started.await(20, TimeUnit.SECONDS), is(true)); // its job runs
      tb.delete(first);
      Thread program = Thread.currentThread();
      Thread opener =
          new Thread(
              () -> {
                // the barrier released the deleted datum and now waits for the job: let it end
                while (program.getState() != Thread.State.WAITING) {
                  Thread.onSpinWait();
                }
                release.countDown();
              });
      opener.start();
      tb.barrier();
      opener.join();
      assertThat(tb.held(), equalTo("1 data, 1 values")); // a, and nothing of first
      assertThat(tb.waitOn(a)[0], is(7));
    } finally {
      release.countDown();
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
