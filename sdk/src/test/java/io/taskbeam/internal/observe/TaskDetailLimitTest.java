package io.taskbeam.internal.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run record's --taskDetailLimit: detail up to the cap, totals over everything. */
class TaskDetailLimitTest {
  private static final WorkerIdentity WORKER =
      new WorkerIdentity("h", 1, null, 0, "MapPartition (1/1)#0", 1);

  /** A chunk run of {@code n} calls of {@code fn}, call i lasting durations[first + i] µs. */
  private static ChunkRun chunk(int chunk, String fn, long[] durations, int first, int n) {
    List<TaskRun> tasks = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      long d = durations[first + i];
      tasks.add(new TaskRun(fn + "#" + (first + i), fn, t, t + d, TaskOutcome.OK, 1));
      t += d;
    }
    return new ChunkRun(1, 0, chunk, WORKER, 0, t, 0, 0, 0, 0, true, tasks);
  }

  private static RunRecord record(int limit, int tasks, String fn) {
    RunRecord r = new RunRecord("app", "DirectRunner", 1, Path.of("run"), 0, limit);
    for (int i = 1; i <= tasks; i++) {
      if (r.keepsTaskDetail()) {
        r.addTask(new TaskInfo(i, fn + "#" + i, fn, 1, 0, 0, List.of()));
      } else {
        r.countTask(fn);
      }
    }
    return r;
  }

  private static long[] durations(int n) {
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      d[i] = 10 + (i * 7919L) % 5000; // spread over 10..5009 µs, not sorted
    }
    return d;
  }

  @Test
  void belowTheLimitEverythingIsKeptAndQuantilesAreExact() {
    long[] d = durations(11);
    RunRecord r = record(100, 11, "f");
    r.addChunkRuns(List.of(chunk(0, "f", d, 0, 5), chunk(1, "f", d, 5, 6)), Map.of());

    assertThat(r.tasks().size(), is(11));
    assertThat(r.chunkRuns().get(1).tasks().size(), is(6));
    assertThat(r.detailCapped(), is(false));
    assertThat(r.detailNotice(), is(nullValue()));
    FunctionTotals f = r.functionTotals().get("f");
    long[] sorted = d.clone();
    Arrays.sort(sorted);
    assertThat(f.exact(), is(true));
    assertThat(f.submitted(), is(11L));
    assertThat(f.finished(), is(11L));
    assertThat(f.totalMicros(), is(Arrays.stream(d).sum()));
    // The same ranks the report always used: n/2 and ceil(0.95 n) - 1 of the sorted durations.
    assertThat(f.quantiles(), equalTo(new long[] {sorted[0], sorted[5], sorted[10], sorted[10]}));
  }

  @Test
  void pastTheLimitDetailStopsAndTotalsCountEveryTask() {
    int n = 10_000;
    long[] d = durations(n);
    RunRecord r = record(1_000, n, "f");
    r.addChunkRuns(
        List.of(chunk(0, "f", d, 0, 600), chunk(1, "f", d, 600, 600), chunk(2, "f", d, 1200, 8800)),
        Map.of());

    assertThat(r.tasks().size(), is(1_000));
    assertThat(r.submittedTasks(), is((long) n));
    assertThat(r.taskRuns(), is((long) n));
    // Chunk runs all stay; the second keeps 400 calls, the third none.
    assertThat(r.chunkRuns().stream().map(c -> c.tasks().size()).toList(), contains(600, 400, 0));
    assertThat(r.chunkRuns().stream().map(ChunkRun::droppedTasks).toList(), contains(0, 200, 8800));
    assertThat(r.chunkRuns().stream().map(ChunkRun::taskCount).toList(), contains(600, 600, 8800));
    assertThat(
        r.detailNotice(),
        equalTo(
            "task detail capped by --taskDetailLimit=1000: the graph shows 1,000 of 10,000 tasks"
                + " and the traces 1,000 of 10,000 task calls; per-function totals count all of"
                + " them"));

    FunctionTotals f = r.functionTotals().get("f");
    long[] sorted = d.clone();
    Arrays.sort(sorted);
    assertThat(f.exact(), is(false));
    assertThat(f.submitted(), is((long) n));
    assertThat(f.finished(), is((long) n));
    assertThat(f.totalMicros(), is(Arrays.stream(d).sum()));
    long[] q = f.quantiles();
    assertThat(q[0], is(sorted[0]));
    assertThat(q[3], is(sorted[n - 1]));
    // A histogram of 8 buckets per power of two: within 5% of the exact ranks.
    double median = sorted[n / 2];
    double p95 = sorted[(int) Math.ceil(n * 0.95) - 1];
    assertThat((double) q[1], closeTo(median, median * 0.05));
    assertThat((double) q[2], closeTo(p95, p95 * 0.05));
  }

  @Test
  void aFunctionFirstSeenAfterTheCapStartsInTheHistogram() {
    RunRecord r = record(2, 3, "f");
    long[] d = durations(3);
    r.addChunkRuns(List.of(chunk(0, "f", d, 0, 3)), Map.of());
    r.countTask("g");
    r.addChunkRuns(List.of(chunk(1, "g", d, 0, 2)), Map.of());

    assertThat(r.functions(), contains("f", "g"));
    assertThat(r.functionTotals().get("g").exact(), is(false));
    assertThat(r.functionTotals().get("g").calls(), is(2L));
    assertThat(r.chunkRuns().get(1).tasks().size(), is(0));
  }

  @Test
  void aLimitOfZeroKeepsNoTaskDetail() {
    RunRecord r = record(0, 5, "f");
    r.addChunkRuns(List.of(chunk(0, "f", durations(5), 0, 5)), Map.of());
    assertThat(r.tasks().size(), is(0));
    assertThat(r.chunkRuns().get(0).taskCount(), is(5));
    assertThat(r.functionTotals().get("f").submitted(), is(5L));
  }
}
