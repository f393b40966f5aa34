package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workers and data store panels: samples keep the last values, the peaks and a bounded history,
 * a driver JVM's row counts its running tasks as busy slots, cache hits and misses add up per
 * worker and in total, the state is bounded, and a finished run's record plays the rows back.
 */
class WorkerPanelTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final WorkerThread TM1 =
      new WorkerThread("h1:1", "taskmanager-1", "h1", "7/t", "subtask 1, thread 7");
  private static final WorkerThread TM2 =
      new WorkerThread("h2:2", "taskmanager-2", "h2", "8/t", "subtask 2, thread 8");

  @Test
  void aWorkerRowShowsItsLastSampleThePeaksAndTheHistory() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    run.workers(
        List.of(
            WorkerGauge.sample("taskmanager-1", "h1", 0.5, 300, 1000, 1, 1),
            WorkerGauge.sample("taskmanager-2", "h2", 0.25, 100, 1000, 1, 0)));
    run.workers(List.of(WorkerGauge.sample("taskmanager-1", "h1", 0.125, 200, 1000, 1, 0)));
    String json = run.message(0, -1, T0 + 5).json();
    assertThat(
        json,
        containsString(
            "\"gauges\":[{\"process\":\"taskmanager-1\",\"host\":\"h1\",\"cpuPermille\":125,"
                + "\"peakCpuPermille\":500,\"heapUsed\":200,\"peakHeapUsed\":300,\"heapMax\":1000,"
                + "\"slots\":1,\"busySlots\":0,\"slotsFrom\":\"runner\","
                + "\"cpuHistory\":[500,125],\"heapHistory\":[300,200]},"
                + "{\"process\":\"taskmanager-2\",\"host\":\"h2\",\"cpuPermille\":250,"
                + "\"peakCpuPermille\":250,\"heapUsed\":100,\"peakHeapUsed\":100,"
                + "\"heapMax\":1000,\"slots\":1,\"busySlots\":0,\"slotsFrom\":\"runner\","
                + "\"cpuHistory\":[250],\"heapHistory\":[100]}]"));
    assertThat(
        run.workerGauges().get(0),
        is(
            new WorkerGauge(
                "taskmanager-1",
                "h1",
                0.125,
                200,
                1000,
                0.5,
                300,
                1,
                0,
                List.of(500L, 125L),
                List.of(300L, 200L))));
  }

  @Test
  void theHistoryKeepsTheLastSamplesOnly() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    int samples = WorkerPanel.HISTORY + 40;
    for (int i = 0; i < samples; i++) {
      run.workers(List.of(WorkerGauge.sample("taskmanager-1", "h1", 0.001 * i, i, 1000, 1, 1)));
    }
    WorkerGauge row = run.workerGauges().get(0);
    assertThat(row.heapHistory().size(), is(WorkerPanel.HISTORY));
    assertThat(row.heapHistory().get(0), is(40L));
    assertThat(row.heapHistory().get(WorkerPanel.HISTORY - 1), is((long) samples - 1));
    assertThat(row.cpuHistory().get(WorkerPanel.HISTORY - 1), is((long) samples - 1));
    assertThat(row.peakHeapUsed(), is((long) samples - 1));
  }

  @Test
  void theDriverJvmsRowCountsItsRunningTasksAsBusySlotsOfTheParallelism() {
    LiveRun run = new LiveRun("app", "DirectRunner", 4, T0);
    run.submitted("nap", 3);
    run.syncStarting(1, 1, 3, T0, T0, Map.of("nap", 3));
    run.progress(
        List.of(
            new ChunkProgress(0, 0, "nap", 0, 0, "nap#1", T0 + 1),
            new ChunkProgress(0, 1, "nap", 0, 0, "nap#2", T0 + 1),
            new ChunkProgress(0, 2, "nap", 1, 0, null, 0)));
    run.workers(List.of(WorkerGauge.sample("h:9", "h", -1, 64, 512, -1, -1)));
    assertThat(
        run.message(0, -1, T0 + 5).json(),
        containsString(
            "{\"process\":\"h:9\",\"host\":\"h\",\"cpuPermille\":-1,\"peakCpuPermille\":-1,"
                + "\"heapUsed\":64,\"peakHeapUsed\":64,\"heapMax\":512,\"slots\":4,"
                + "\"busySlots\":2,\"slotsFrom\":\"threads\",\"cpuHistory\":[-1],"
                + "\"heapHistory\":[64]}"));
  }

  @Test
  void aSampleMissingAMetricKeepsTheValueKnownBefore() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    run.workers(List.of(WorkerGauge.sample("taskmanager-1", "h1", 0.5, 300, 1000, 1, 1)));
    run.workers(List.of(WorkerGauge.sample("taskmanager-1", "h1", -1, -1, -1, 1, 0)));
    WorkerGauge g = run.workerGauges().get(0);
    assertThat(g.cpuLoad(), is(0.5));
    assertThat(g.heapUsed(), is(300L));
    assertThat(g.heapMax(), is(1000L));
    assertThat("the slots are this sample's", g.busySlots(), is(0));
  }

  @Test
  void cacheHitsAndMissesAddUpPerWorkerAndInTotal() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    run.syncStarting(1, 1, 3, T0, T0, Map.of());
    run.chunkEnded(0, 0, TM1, List.of(), new StoreReads(5, 1, 4096));
    run.chunkEnded(0, 1, TM2, List.of(), new StoreReads(0, 1, 1024));
    run.chunkEnded(0, 2, TM1, List.of(), new StoreReads(1, 0, 0));
    String json = run.message(0, -1, T0 + 5).json();
    assertThat(
        json,
        containsString(
            "\"store\":{\"cacheHits\":6,\"cacheMisses\":2,\"bytesRead\":5120,\"hitPermille\":750,"
                + "\"workers\":[{\"process\":\"taskmanager-1\",\"host\":\"h1\",\"cacheHits\":6,"
                + "\"cacheMisses\":1,\"hitPermille\":857,\"bytesRead\":4096},"
                + "{\"process\":\"taskmanager-2\",\"host\":\"h2\",\"cacheHits\":0,"
                + "\"cacheMisses\":1,\"hitPermille\":0,\"bytesRead\":1024}]}"));
  }

  @Test
  void noLookupsIsNoHitRate() {
    LiveRun run = new LiveRun("app", "DirectRunner", 2, T0);
    assertThat(
        run.message(0, -1, T0).json(),
        containsString(
            "\"gauges\":[],\"store\":{\"cacheHits\":0,\"cacheMisses\":0,\"bytesRead\":0,"
                + "\"hitPermille\":-1,\"workers\":[]}"));
  }

  @Test
  void workerRowsStopAtTheirLimitWhileTheTotalsKeepCounting() {
    LiveRun run = new LiveRun("app", "FlinkRunner", 2, T0);
    int processes = WorkerPanel.WORKER_LIMIT + 50;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < processes; i++) {
        run.workers(List.of(WorkerGauge.sample("tm-" + i, "h", 0.5, round, 10, 1, 1)));
        WorkerThread t = new WorkerThread("h:" + i, "tm-" + i, "h", "1/t", "thread 1");
        run.chunkEnded(0, i, t, List.of(), new StoreReads(1, 1, 0));
      }
    }
    assertThat(run.retained().workerRows(), is(WorkerPanel.WORKER_LIMIT));
    assertThat(run.workerGauges().size(), is(WorkerPanel.WORKER_LIMIT));
    assertThat(
        run.message(0, -1, T0).json(),
        containsString("\"cacheHits\":" + 3 * processes + ",\"cacheMisses\":" + 3 * processes));
  }

  @Test
  void aRecordedRowPlaysBackWithItsPeaksAndHistory() {
    WorkerGauge recorded =
        new WorkerGauge(
            "taskmanager-1",
            "h1",
            0.1,
            200,
            1000,
            0.9,
            700,
            1,
            0,
            List.of(900L, 100L),
            List.of(700L, 200L));
    LiveRun replayed = new LiveRun("app", "FlinkRunner", 2, T0);
    replayed.workers(List.of(recorded));
    assertThat(replayed.workerGauges(), contains(recorded));
    String page = replayed.frozenPage(T0 + 1, "{}");
    assertThat(
        page, containsString("\"peakCpuPermille\":900,\"heapUsed\":200,\"peakHeapUsed\":700"));
    assertThat(page, containsString("\"cpuHistory\":[900,100],\"heapHistory\":[700,200]}"));
  }

  @Test
  void hitRatesRoundToPermille() {
    assertThat(WorkerPanel.hitPermille(2, 1), is(667L));
    assertThat(WorkerPanel.hitPermille(0, 0), is(-1L));
    assertThat(WorkerPanel.hitPermille(1, 0), is(1000L));
  }
}
