package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard keeps nothing per task beyond what its page shows: 200,000 tasks fed through every
 * event the observer hands it (submitted, task nodes, chunk statuses, task calls from many workers,
 * many sync points) leave collections no larger than their fixed limits. Counted in entries, not
 * timed.
 */
class LiveRunBoundsTest {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final int TASKS = 200_000;
  private static final int SYNCS = 400;
  private static final int PER_SYNC = TASKS / SYNCS;
  private static final int CHUNKS = 50;
  private static final int THREADS = 300;

  @Test
  void twoHundredThousandTasksLeaveBoundedState() {
    LiveRun run = new LiveRun("many", "FlinkRunner", 8, T0);
    List<String> functions = List.of("load", "square", "sum");
    long task = 0;
    long at = T0;
    for (int sync = 1; sync <= SYNCS; sync++) {
      for (int i = 0; i < PER_SYNC; i++) {
        run.submitted(functions.get(i % 3));
      }
      boolean nodes = run.keepsTaskNodes();
      for (int i = 0; i < PER_SYNC && nodes; i++) {
        long id = task + i + 1;
        nodes = run.taskNode(id, "f#" + id, functions.get(i % 3), new long[] {id - 1, id - 2});
      }
      run.functionEdge("load", "square");
      run.syncStarting(sync, 3, CHUNKS, at, at + 1, Map.of("load", PER_SYNC));
      List<ChunkProgress> statuses = new ArrayList<>();
      for (int c = 0; c < CHUNKS; c++) {
        statuses.add(new ChunkProgress(0, c, "load", 1, 0, "f#" + (task + c + 1), at + 2));
      }
      run.progress(statuses);
      int perChunk = PER_SYNC / CHUNKS;
      for (int c = 0; c < CHUNKS; c++) {
        int t = (sync * CHUNKS + c) % THREADS;
        WorkerThread thread =
            new WorkerThread("host" + t % 7 + ":1", "tm-" + t % 7, "host" + t % 7, "th" + t, "t");
        List<TaskCall> calls = new ArrayList<>(perChunk);
        for (int i = 0; i < perChunk; i++) {
          task++;
          TaskState state = task % 1000 == 0 ? TaskState.FAILED : TaskState.DONE;
          calls.add(new TaskCall("f#" + task, "load", at + i, at + i + 1, state));
        }
        run.chunkEnded(0, c, thread, calls);
      }
      at += PER_SYNC + 10;
      run.syncEnded(at, null);
    }
    run.end(null);
    assertThat(task, is((long) TASKS));

    LiveRun.Retained kept = run.retained();
    assertThat(kept.functions(), is(3));
    assertThat(kept.syncs(), is(LiveRun.SYNC_LIMIT));
    assertThat("chunks are forgotten when their sync point ends", kept.endedChunks(), is(0));
    assertThat(kept.running(), is(0));
    assertThat(kept.bars(), is(TaskStream.BAR_CAPACITY));
    assertThat(kept.lanes(), lessThanOrEqualTo(2 * TaskStream.LANE_LIMIT));
    assertThat(
        "past its node limit the graph keeps its one function edge only",
        kept.graphEntries(),
        is(1));

    String json = run.message(0, -1, at).json();
    assertThat(json, containsString("\"submitted\":" + TASKS));
    assertThat(json, containsString("\"syncCount\":" + SYNCS));
    assertThat(json, containsString("\"dropped\":" + (TASKS - TaskStream.BAR_CAPACITY)));
    // one message holds the ring of bars (about 40 characters each) and fixed-size tables
    assertThat(json.length(), lessThan(60 * TaskStream.BAR_CAPACITY + 100_000));
  }

  @Test
  void theGraphStopsAtItsLimitsWhileItStillDrawsTasks() {
    LiveRun run = new LiveRun("wide", "DirectRunner", 2, T0);
    long[] manyInputs = new long[TaskGraphView.NODE_LIMIT];
    for (int i = 0; i < manyInputs.length; i++) {
      manyInputs[i] = i + 1;
    }
    for (int id = 1; id < TaskGraphView.NODE_LIMIT; id++) {
      // every task reads all earlier ones: far more edges than the graph keeps
      run.taskNode(id, "t#" + id, "t", java.util.Arrays.copyOf(manyInputs, id - 1));
    }
    int entries = run.retained().graphEntries();
    // nodes, their two indexes, and at most EDGE_LIMIT task edges
    assertThat(entries, lessThanOrEqualTo(3 * TaskGraphView.NODE_LIMIT + TaskGraphView.EDGE_LIMIT));
  }
}
