package io.taskbeam.internal.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pipelined} on the in-memory runner: tasks start before any sync point, and answers stay
 * the sequential program's across flush boundaries. A gate ({@link GateTasks}) holds a running
 * task, so what the test submits meanwhile is in a later job on any machine.
 */
class PipelinedSessionTest {
  @TempDir Path dir;

  @BeforeEach
  void gate() {
    GateTasks.reset();
  }

  private TaskBeam session(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--runner=InMemoryRunner", "--parallelism=2", "--observe=false"));
    args.add("--workDir=" + dir);
    args.addAll(List.of(more));
    if (args.stream().noneMatch(a -> a.startsWith("--pipelined"))) {
      args.add("--pipelined=true");
    }
    return TaskBeam.start(args.toArray(String[]::new));
  }

  @Test
  void aTaskStartsBeforeAnySyncPoint() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<int[]> a = tb.put(new int[] {41});
      tb.submit(GateTasks::gatedIncrement, a);
      assertTrue(
          GateTasks.started.await(20, TimeUnit.SECONDS),
          "the task did not start while the program waited without a sync point");
      GateTasks.release.countDown();
      assertThat(tb.waitOn(a)[0], is(42));
    }
  }

  @Test
  void withoutPipeliningNothingStartsBeforeASyncPoint() throws Exception {
    try (TaskBeam tb = session("--pipelined=false")) {
      TaskFuture<Integer> sum = tb.submit(GateTasks::gatedSum, new int[] {7});
      assertThat(GateTasks.started.await(200, TimeUnit.MILLISECONDS), is(false));
      GateTasks.release.countDown();
      assertThat(tb.waitOn(sum), is(7));
    }
  }

  /**
   * A file writer after a pending reader of the version a running job writes: that version cannot
   * be copied aside for the reader (the job has not written it), so the reader becomes a job first.
   * Until 2026-12-07 the writer's submit copied the file at once: NoSuchFileException here, or a
   * copy of stale content when the file existed.
   */
  @Test
  void aWriterWaitsForTheReadersOfAFileARunningJobWrites() throws Exception {
    String file = dir.resolve("f.txt").toString();
    try (TaskBeam tb = session()) {
      tb.submit(GateTasks::gatedWrite, file, "a");
      assertTrue(GateTasks.started.await(20, TimeUnit.SECONDS));
      TaskFuture<String> before = tb.submit(GateTasks::read, file); // pending: the job runs
      tb.submit(GateTasks::append, file, "b");
      TaskFuture<String> after = tb.submit(GateTasks::read, file);
      GateTasks.release.countDown();
      assertThat(tb.waitOn(List.of(before, after)), equalTo(List.of("a", "ab")));
    }
  }

  /** An INOUT chain cut by a flush: links after the cut read the version the running job makes. */
  @Test
  void anInoutChainAcrossFlushesGivesTheSequentialValue() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<int[]> a = tb.put(new int[] {1});
      tb.submit(GateTasks::increment, a); // 2
      tb.submit(GateTasks::gatedIncrement, a); // 3, held
      assertTrue(GateTasks.started.await(20, TimeUnit.SECONDS));
      tb.submit(GateTasks::twice, a); // 6: a later job
      tb.submit(GateTasks::increment, a); // 7
      GateTasks.release.countDown();
      assertThat(tb.waitOn(a)[0], is(7));
      assertThat(tb.reports().size(), greaterThanOrEqualTo(2));
    }
  }

  /** Renaming across flushes: a reader in a running job keeps the version it was submitted with. */
  @Test
  void aReaderInARunningJobSeesTheVersionBeforeALaterWrite() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<int[]> a = tb.put(new int[] {10});
      TaskFuture<Integer> before = tb.submit(GateTasks::gatedSum, a);
      assertTrue(GateTasks.started.await(20, TimeUnit.SECONDS));
      tb.submit(GateTasks::twice, a);
      TaskFuture<Integer> after = tb.submit(GateTasks::plus, before, 1);
      GateTasks.release.countDown();
      assertThat(tb.waitOn(List.of(before, after)), equalTo(List.of(10, 11)));
      assertThat(tb.waitOn(a)[0], is(20));
    }
  }

  /**
   * A task the flusher ran to the end before the program's sync point counts as synced by it: the
   * session closes without the "never synced" complaint (the suite's first-task workload failed
   * so).
   */
  @Test
  void aSyncPointCoversAJobTheFlusherAlreadyFinished() throws Exception {
    TaskBeam tb = session();
    TaskFuture<Integer> x = tb.submit(GateTasks::gatedSum, new int[] {5});
    assertTrue(GateTasks.started.await(20, TimeUnit.SECONDS));
    GateTasks.release.countDown();
    long end = System.nanoTime() + 20_000_000_000L;
    while (tb.reports().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat("the job ended before the sync point", tb.reports().size(), is(1));
    assertThat(tb.waitOn(x), is(5));
    tb.close(); // throws IllegalStateException when it finds tasks never synced
  }

  /** A waitOn of data already computed returns its value without starting a job. */
  @Test
  void waitingAgainOnComputedDataStartsNoJob() {
    try (TaskBeam tb = session()) {
      TaskFuture<Integer> x = tb.submit(GateTasks::plus, 1, 2);
      assertThat(tb.waitOn(x), is(3));
      int jobs = tb.reports().size();
      assertThat(tb.waitOn(x), is(3));
      tb.barrier();
      assertThat(tb.reports().size(), is(jobs));
    }
  }

  /**
   * A failed job's failure is thrown once, by the next sync point that waits for work; what
   * depended on it is a TaskCancelledException naming the failed task, and later tasks run.
   */
  @Test
  void aFailureIsThrownOnceAtTheNextSyncPoint() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<Integer> bad = tb.submit(GateTasks::fail, 5);
      TaskFuture<Integer> dependent = tb.submit(GateTasks::plus, bad, 1);
      TaskFailedException failed = assertThrows(TaskFailedException.class, tb::barrier);
      assertThat(failed.getMessage(), containsString("no good: 5"));
      TaskCancelledException lost =
          assertThrows(TaskCancelledException.class, () -> tb.waitOn(dependent));
      assertThat(lost.taskName(), containsString("fail#"));
      assertThat(tb.waitOn(tb.submit(GateTasks::plus, 2, 2)), is(4));
    }
  }

  /** A group's tasks wait for its barrier or cancel: the flusher never starts them on its own. */
  @Test
  void aCancelledGroupNeverRuns() throws Exception {
    try (TaskBeam tb = session("--flushQuietMillis=0")) {
      TaskFuture<Integer> doomed;
      io.taskbeam.TaskGroup group;
      try (io.taskbeam.TaskGroup g = tb.group("doomed")) {
        doomed = tb.submit(GateTasks::gatedSum, new int[] {3});
        group = g;
      }
      Thread.sleep(100); // time the flusher would need to start it, were it allowed to
      assertThat(GateTasks.started.getCount(), is(1L));
      assertThat(tb.cancel(group), is(1));
      TaskCancelledException e =
          assertThrows(TaskCancelledException.class, () -> tb.waitOn(doomed));
      assertThat(e.getMessage(), containsString("task group doomed was cancelled"));
    }
  }
}
