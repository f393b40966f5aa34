package io.taskbeam.internal.observe;

import io.taskbeam.internal.dashboard.LiveRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's record played into a fresh {@link LiveRun}, in the order the live feed got the
 * same events (tasks submitted, each sync point compiled, its chunks' task calls, its end, the
 * run's end): the final state the dashboard shows, whether or not it was on. The run's report is
 * that state on the dashboard's page, so there is one renderer. Times are the record's
 * clock-aligned ones; a task call the record left out ({@code --taskDetailLimit}) is settled as the
 * live feed settles calls whose events never came (done when its sync point finished).
 */
public final class RecordReplay {
  private RecordReplay() {}

  /** The dashboard's state at the end of {@code record}'s run. */
  public static LiveRun replay(RunRecord record) {
    LiveRun live =
        new LiveRun(record.app(), record.runner(), record.parallelism(), record.startMicros());
    for (String function : record.functions()) {
      // in order of first submission, so each function keeps its colour
      live.submitted(function, record.functionTotals().get(function).submitted());
    }
    live.workers(record.workerGauges());
    if (record.detailCapped()) {
      live.dropTaskNodes();
    }
    Map<Integer, List<TaskInfo>> tasksBySync = new HashMap<>();
    if (live.keepsTaskNodes()) {
      for (TaskInfo t : record.tasks()) {
        tasksBySync.computeIfAbsent(t.sync(), s -> new ArrayList<>()).add(t);
      }
    }
    Map<Integer, List<ChunkRun>> runsBySync = new HashMap<>();
    for (ChunkRun run : record.chunkRuns()) {
      runsBySync.computeIfAbsent(run.sync(), s -> new ArrayList<>()).add(run);
    }
    for (SyncInfo s : record.syncs()) {
      boolean nodes = live.keepsTaskNodes();
      for (TaskInfo t : tasksBySync.getOrDefault(s.sync(), List.of())) {
        if (!nodes) {
          break;
        }
        long[] producers =
            t.inputs().stream()
                .mapToLong(TaskInfo.Input::producer)
                .filter(p -> p > 0)
                .distinct()
                .toArray();
        nodes = live.taskNode(t.id(), t.name(), t.function(), producers);
      }
      LiveFeed.functionEdges(live, s.stages());
      Map<String, Integer> perFunction = new HashMap<>();
      for (StageInfo st : s.stages()) {
        perFunction.merge(st.function(), st.tasks(), Integer::sum);
      }
      live.syncStarting(
          s.sync(),
          s.stages().size(),
          LiveFeed.chunks(s.stages()),
          s.startMicros(),
          s.runStartMicros(),
          perFunction);
      for (ChunkRun run : runsBySync.getOrDefault(s.sync(), List.of())) {
        LiveFeed.chunkEnded(live, run);
      }
      live.syncEnded(s.endMicros(), s.error());
    }
    live.end(record.error());
    return live;
  }
}
