package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.Palette;
import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.StageInfo;
import io.taskbeam.internal.observe.SyncInfo;
import io.taskbeam.internal.observe.TaskOutcome;
import io.taskbeam.internal.observe.TaskRun;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run as a Paraver trace, the viewer COMPSs users know: {@code trace.prv} (records), {@code
 * trace.pcf} (names of states, event types and values) and {@code trace.row} (names of nodes, CPUs
 * and threads).
 *
 * <p>Resource model: one node per host; one application; one Paraver task per worker process
 * (TaskManager); one thread per worker thread that ran chunks; each thread is also a CPU of its
 * node. Each task call is a state record (state 1, "Running task") from its start to its end, with
 * events at both ends: {@link #FUNCTION} (value = the function's number, 0 at the end), {@link
 * #STAGE}, {@link #CHUNK}, {@link #SYNC}, {@link #TASK_ID}, and {@link #OUTCOME} at the end. Times
 * are nanoseconds since the run started, on the driver's clock.
 */
public final class ParaverTrace {
  public static final int FUNCTION = 8_000_000;
  public static final int STAGE = 8_000_001;
  public static final int CHUNK = 8_000_002;
  public static final int SYNC = 8_000_003;
  public static final int TASK_ID = 8_000_004;
  public static final int OUTCOME = 8_000_005;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yy 'at' HH:mm");

  private ParaverTrace() {}

  /** The three files' contents. */
  public record Files(String prv, String pcf, String row) {}

  public static Files render(RunRecord record) {
    WorkerLayout layout = new WorkerLayout(record.chunkRuns());
    List<StageInfo> stages = allStages(record);
    return new Files(prv(record, layout, stages), pcf(record, stages), row(layout));
  }

  private record Line(long time, int order, String text) {}

  private static String prv(RunRecord record, WorkerLayout layout, List<StageInfo> stages) {
    long t0 = record.startMicros();
    long end = record.endMicros();
    List<Line> lines = new ArrayList<>();
    List<String> functions = record.functions();
    for (ChunkRun run : record.chunkRuns()) {
      WorkerLayout.Lane lane = layout.lane(run.worker());
      String where = lane.global() + ":1:" + lane.process() + ":" + lane.thread();
      int stage = stages.indexOf(ChromeTrace.stage(record, run.sync(), run.stage())) + 1;
      for (TaskRun t : run.tasks()) {
        long begin = (t.startMicros() - t0) * 1000;
        long finish = (t.endMicros() - t0) * 1000;
        end = Math.max(end, t.endMicros());
        lines.add(new Line(begin, 0, "1:" + where + ":" + begin + ":" + finish + ":1"));
        lines.add(
            new Line(
                begin,
                1,
                "2:"
                    + where
                    + ":"
                    + begin
                    + ":"
                    + FUNCTION
                    + ":"
                    + (functions.indexOf(t.function()) + 1)
                    + ":"
                    + STAGE
                    + ":"
                    + stage
                    + ":"
                    + CHUNK
                    + ":"
                    + (run.chunk() + 1)
                    + ":"
                    + SYNC
                    + ":"
                    + run.sync()
                    + ":"
                    + TASK_ID
                    + ":"
                    + taskNumber(t.task())));
        lines.add(
            new Line(
                finish,
                2,
                "2:"
                    + where
                    + ":"
                    + finish
                    + ":"
                    + FUNCTION
                    + ":0:"
                    + STAGE
                    + ":0:"
                    + CHUNK
                    + ":0:"
                    + SYNC
                    + ":0:"
                    + TASK_ID
                    + ":0:"
                    + OUTCOME
                    + ":"
                    + (t.outcome().ordinal() + 1)));
      }
    }
    lines.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::order));
    StringBuilder out = new StringBuilder();
    out.append("#Paraver (")
        .append(DATE.format(Instant.ofEpochSecond(t0 / 1_000_000).atZone(ZoneId.systemDefault())))
        .append("):")
        .append((end - t0) * 1000)
        .append("_ns:");
    List<String> cpus = new ArrayList<>();
    for (String host : layout.hosts()) {
      cpus.add(Integer.toString(layout.lanesOn(host)));
    }
    out.append(layout.hosts().size()).append('(').append(String.join(",", cpus)).append("):1:");
    List<String> tasks = new ArrayList<>();
    for (WorkerLayout.Process p : layout.processes()) {
      tasks.add(p.lanes().size() + ":" + p.node());
    }
    out.append(layout.processes().size()).append('(').append(String.join(",", tasks)).append(")\n");
    for (Line l : lines) {
      out.append(l.text()).append('\n');
    }
    return out.toString();
  }

  private static String pcf(RunRecord record, List<StageInfo> stages) {
    StringBuilder out = new StringBuilder();
    out.append(
        "DEFAULT_OPTIONS\n\nLEVEL               THREAD\nUNITS               NANOSEC\n"
            + "LOOK_BACK           100\nSPEED               1\nFLAG_ICONS          ENABLED\n"
            + "NUM_OF_STATE_COLORS 1000\nYMAX_SCALE          37\n\n\n"
            + "DEFAULT_SEMANTIC\n\nTHREAD_FUNC          State As Is\n\n\n");
    out.append("STATES\n0    Idle\n1    Running task\n\n");
    out.append("STATES_COLOR\n0    {117,195,255}\n1    {0,0,255}\n\n\n");
    out.append("EVENT_TYPE\n0    ")
        .append(FUNCTION)
        .append("    Task function\nVALUES\n0      End\n");
    List<String> functions = record.functions();
    for (int i = 0; i < functions.size(); i++) {
      out.append(i + 1).append("      ").append(functions.get(i)).append('\n');
    }
    out.append("\n\nEVENT_TYPE\n0    ").append(STAGE).append("    Stage\nVALUES\n0      End\n");
    for (int i = 0; i < stages.size(); i++) {
      StageInfo s = stages.get(i);
      out.append(i + 1)
          .append("      sync ")
          .append(s.sync())
          .append(" stage ")
          .append(s.index())
          .append(' ')
          .append(s.name())
          .append('\n');
    }
    out.append("\n\nEVENT_TYPE\n0    ").append(CHUNK).append("    Chunk (index + 1)\n");
    out.append("\n\nEVENT_TYPE\n0    ").append(SYNC).append("    Sync point\n");
    out.append("\n\nEVENT_TYPE\n0    ").append(TASK_ID).append("    Task number\n");
    out.append("\n\nEVENT_TYPE\n0    ").append(OUTCOME).append("    Task outcome\nVALUES\n");
    for (TaskOutcome o : TaskOutcome.values()) {
      out.append(o.ordinal() + 1).append("      ").append(o.name()).append('\n');
    }
    out.append("\n\nGRADIENT_COLOR\n");
    for (int i = 0; i < functions.size(); i++) {
      out.append(i).append("    ").append(Palette.paraver(i)).append('\n');
    }
    return out.toString();
  }

  private static String row(WorkerLayout layout) {
    StringBuilder cpus = new StringBuilder();
    StringBuilder threads = new StringBuilder();
    for (WorkerLayout.Process p : layout.processes()) {
      for (WorkerLayout.Lane lane : p.lanes()) {
        cpus.append(lane.global()).append('.').append(p.host()).append('\n');
        threads.append(p.name()).append(", ").append(lane.name()).append('\n');
      }
    }
    return "LEVEL CPU SIZE "
        + layout.laneCount()
        + "\n"
        + cpus
        + "\nLEVEL NODE SIZE "
        + layout.hosts().size()
        + "\n"
        + String.join("\n", layout.hosts())
        + (layout.hosts().isEmpty() ? "" : "\n")
        + "\nLEVEL THREAD SIZE "
        + layout.laneCount()
        + "\n"
        + threads;
  }

  private static List<StageInfo> allStages(RunRecord record) {
    List<StageInfo> all = new ArrayList<>();
    for (SyncInfo s : record.syncs()) {
      all.addAll(s.stages());
    }
    return all;
  }

  private static long taskNumber(String task) {
    int hash = task.lastIndexOf('#');
    try {
      return Long.parseLong(task.substring(hash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
