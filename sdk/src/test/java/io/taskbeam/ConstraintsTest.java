package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** computingUnits: a worker never runs more cores' worth of calls than it has; hooks hear. */
class ConstraintsTest {
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MOST = new AtomicInteger();

  @TempDir Path work;

  /** Asks for two cores (every core of a 2-core machine; the test checks the count). */
  @Task(computingUnits = 2)
  static int wide(int x) throws InterruptedException {
    MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    Thread.sleep(150);
    RUNNING.decrementAndGet();
    return x;
  }

  @Test
  void callsAskingEveryCoreRunOneAtATimeAndHooksHearOfThem() {
    int cores = Runtime.getRuntime().availableProcessors();
    RecordingUnitsHook.TOLD.clear();
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner", "--parallelism=2", "--observe=false", "--workDir=" + work)) {
      List<TaskFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(tb.submit(ConstraintsTest::wide, i));
      }
      assertThat(tb.explain(), org.hamcrest.Matchers.containsString("chunks=2"));
      assertThat(tb.waitOn(calls), equalTo(List.of(0, 1, 2, 3)));
    }
    // two chunks run at once on the DirectRunner; the cores keep the calls apart
    assertThat(MOST.get(), is(cores <= 2 ? 1 : 2));
    assertThat(RecordingUnitsHook.TOLD, equalTo(List.of(2, 1, 2, 1, 2, 1, 2, 1)));
  }
}
