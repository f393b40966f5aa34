package io.taskbeam.pipelines.conformance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.Pair;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.TaskFuture;
import io.taskbeam.TaskGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COMPSs model's features on every runner: multiple return values, values changed between
 * submissions, ignored primitive results, files as synchronized data, task groups, priority. Each
 * test has one or two sync points (embedded Flink pays about 1.5 s for each).
 */
public abstract class ModelConformance {
  @TempDir Path workDir;

  /** Pipeline options that select the runner under test. */
  protected abstract List<String> runnerArgs();

  /**
   * Whether each sync point runs its pending tasks as one job, as the shape checks (tasks and
   * stages per job) expect; with {@code --pipelined} the flusher may cut them into several jobs,
   * and only the answers are checked.
   */
  protected boolean oneJobPerSyncPoint() {
    return !runnerArgs().contains("--pipelined=true");
  }

  protected TaskBeam session() {
    List<String> args = new ArrayList<>(runnerArgs());
    args.add("--workDir=" + workDir);
    return TaskBeam.start(args.toArray(String[]::new));
  }

  /** returns=2 and returns=3: each part a future of its own, with no extractor task. */
  @Test
  void multipleReturnValuesAreFuturesOfTheirOwn() {
    try (TaskBeam tb = session()) {
      Pair<TaskFuture<Long>, TaskFuture<Long>> mm =
          tb.split(tb.submit(ModelTasks::minMax, new long[] {7, -3, 12, 5}));
      TaskFuture<Long> range = tb.submit(ModelTasks::difference, mm.second(), mm.first());
      TaskFuture<Long> doubledMin = tb.submit(ModelTasks::twice, mm.first());
      List<TaskFuture<Long>> d = tb.split(tb.submit(ModelTasks::digits, 472L), 3);
      TaskFuture<Long> lastTwice = tb.submit(ModelTasks::twice, d.get(2));
      assertThat(
          tb.waitOn(List.of(range, doubledMin, d.get(0), d.get(1), lastTwice)),
          equalTo(List.of(15L, -6L, 4L, 7L, 4L)));
      if (oneJobPerSyncPoint()) {
        assertThat(tb.reports().get(0).tasks(), is(5));
      }
    }
  }

  /**
   * A value changed between two submissions gives the sequential answer; an ignored task's
   * primitive result cancels its reader, naming the ignored task.
   */
  @Test
  void valuesAsASequentialProgramSeesThem() {
    try (TaskBeam tb = session()) {
      int[] x = {1, 2};
      TaskFuture<Long> before = tb.submit(ModelTasks::sum, x);
      x[0] = 100;
      TaskFuture<Long> after = tb.submit(ModelTasks::sum, x);
      TaskFuture<Long> ignored = tb.submit(ModelTasks::ignoredCount, 5L);
      TaskFuture<Long> reader = tb.submit(ModelTasks::twice, ignored);
      tb.barrier();
      assertThat(tb.waitOn(List.of(before, after)), equalTo(List.of(3L, 102L)));
      TaskCancelledException e =
          assertThrows(TaskCancelledException.class, () -> tb.waitOn(reader));
      assertThat(e.taskName(), containsString("ignoredCount#"));
      assertThat(e.getMessage(), containsString("its long result does not exist"));
    }
  }

  /**
   * waitOnFile gives the file as its last writer left it; a writer submitted while readers are
   * pending renames (they read the old content); RETRY restores a FILE_INOUT file; deleteFile.
   */
  @Test
  void filesAsSynchronizedData() throws Exception {
    Path number = workDir.resolve("number.txt");
    Path counter = workDir.resolve("counter.txt");
    Files.writeString(counter, "10");
    try (TaskBeam tb = session()) {
      tb.submit(ModelTasks::writeNumber, number.toString(), 40L);
      tb.submit(
          ModelTasks::flakyIncrement, counter.toString(), workDir.resolve("attempted").toString());
      assertThat(Files.readString(tb.waitOnFile(number)), equalTo("40"));
      assertThat(Files.readString(tb.waitOnFile(counter.toString())), equalTo("11"));

      TaskFuture<Long> old = tb.submit(ModelTasks::readNumber, number.toString());
      tb.submit(ModelTasks::addToNumber, number.toString(), 2L);
      TaskFuture<Long> updated = tb.submit(ModelTasks::readNumber, number.toString());
      assertThat(tb.waitOn(List.of(old, updated)), equalTo(List.of(40L, 42L)));
      assertThat(Files.readString(tb.waitOnFile(number)), equalTo("42"));
      tb.deleteFile(number);
      assertThat(Files.exists(number), is(false));
      if (oneJobPerSyncPoint()) {
        assertThat(tb.reports().size(), is(2));
      }
    }
  }

  /** A memory request no worker's heap can meet is refused at submit, naming the heap. */
  @Test
  void aMemoryRequestNoWorkerCanMeetIsRefused() {
    try (TaskBeam tb = session()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> tb.submit(ModelTasks::hungry, 1L));
      assertThat(
          e.getMessage(),
          containsString(
              "task ModelTasks.hungry asks memoryMb = 65536, "
                  + "more than the heap of any worker of "));
      assertThat(
          e.getMessage(), containsString("MiB): give the workers more heap or ask for " + "less"));
      assertThat(tb.pendingTasks(), is(0));
    }
  }

  /**
   * With one worker every priority call runs before the other calls of its depth, though they were
   * submitted first (the order the tasks left in a log file).
   */
  @Test
  void priorityCallsRunFirstWithOneWorker() throws Exception {
    List<String> args = new ArrayList<>();
    for (String arg : runnerArgs()) {
      args.add(arg.startsWith("--parallelism=") ? "--parallelism=1" : arg);
    }
    args.add("--workDir=" + workDir);
    Path log = workDir.resolve("order.log");
    try (TaskBeam tb = TaskBeam.start(args.toArray(String[]::new))) {
      List<TaskFuture<Long>> all = new ArrayList<>();
      for (long i = 0; i < 3; i++) {
        all.add(tb.submit(ModelTasks::routine, i, log.toString()));
      }
      for (long i = 0; i < 3; i++) {
        all.add(tb.submit(ModelTasks::urgent, 10 + i, log.toString()));
      }
      assertThat(tb.waitOn(all), equalTo(List.of(0L, 1L, 2L, 10L, 11L, 12L)));
    }
    List<String> order = Files.readAllLines(log);
    assertThat(order.size(), is(6));
    assertThat(
        "urgent calls first: " + order,
        order.subList(0, 3).stream().allMatch(name -> name.startsWith("urgent")),
        is(true));
  }

  /** barrier(group) waits for a group; cancel(group) drops it and what depends on it. */
  @Test
  void taskGroupsBarrierAndCancel() {
    try (TaskBeam tb = session()) {
      List<TaskFuture<Long>> kept = new ArrayList<>();
      TaskGroup sums;
      try (TaskGroup g = tb.group("sums")) {
        for (int i = 1; i <= 3; i++) {
          kept.add(tb.submit(ModelTasks::sum, new int[] {i, i}));
        }
        sums = g;
      }
      TaskFuture<Long> dropped;
      TaskGroup doomed;
      try (TaskGroup g = tb.group("doomed")) {
        dropped = tb.submit(ModelTasks::twice, 21L);
        doomed = g;
      }
      TaskFuture<Long> dependent = tb.submit(ModelTasks::twice, dropped);
      TaskFuture<Long> outside = tb.submit(ModelTasks::twice, 4L);
      assertThat(tb.cancel(doomed), is(2));
      tb.barrier(sums);
      assertThat(tb.waitOn(kept), equalTo(List.of(2L, 4L, 6L)));
      assertThat(tb.waitOn(outside), is(8L));
      TaskCancelledException e =
          assertThrows(TaskCancelledException.class, () -> tb.waitOn(dependent));
      assertThat(e.getMessage(), containsString("task group doomed was cancelled"));
      assertThat(e.taskName(), containsString("twice#"));
      if (oneJobPerSyncPoint()) {
        assertThat(tb.reports().size(), is(1));
        assertThat(tb.reports().get(0).tasks(), is(4));
      }
    }
  }
}
