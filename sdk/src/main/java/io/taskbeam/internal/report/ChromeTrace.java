package io.taskbeam.internal.report;

import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.StageInfo;
import io.taskbeam.internal.observe.SyncInfo;
import io.taskbeam.internal.observe.TaskRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The run as a Chrome Trace Event file ({@code trace.json}; opens in Perfetto and
 * chrome://tracing). Process 0 is the driver, with one span per sync point and its compile and run
 * phases; every worker process (TaskManager) is a process, every thread that ran chunks a thread.
 * Each chunk is a span ({@code cat} "chunk") holding one span per task call ({@code cat} the task's
 * function, {@code args} its stage, chunk, sync point, outcome and attempts). Spans are {@code
 * B}/{@code E} pairs; {@code ts} is microseconds since the run started, on the driver's clock (see
 * ClockAlignment).
 */
public final class ChromeTrace {
  private ChromeTrace() {}

  public static String render(RunRecord record) {
    long t0 = record.startMicros();
    WorkerLayout layout = new WorkerLayout(record.chunkRuns());
    List<String> events = new ArrayList<>();
    events.add(meta("process_name", 0, 0, "driver " + record.app()));
    events.add(meta("thread_name", 0, 1, "sync points"));
    for (WorkerLayout.Process p : layout.processes()) {
      events.add(meta("process_name", p.index(), 0, p.name()));
      for (WorkerLayout.Lane lane : p.lanes()) {
        events.add(meta("thread_name", p.index(), lane.thread(), lane.name()));
      }
    }
    for (SyncInfo s : record.syncs()) {
      String args =
          "{\"tasks\":"
              + s.tasks()
              + ",\"stages\":"
              + s.stages().size()
              + ",\"chunks\":"
              + s.chunks()
              + (s.error() == null ? "" : ",\"error\":" + Json.quote(s.error()))
              + "}";
      events.add(span("B", "sync " + s.sync(), "sync", 0, 1, s.startMicros() - t0, args));
      events.add(span("B", "compile", "sync", 0, 1, s.startMicros() - t0, null));
      events.add(span("E", "compile", "sync", 0, 1, s.runStartMicros() - t0, null));
      events.add(span("B", "run", "sync", 0, 1, s.runStartMicros() - t0, null));
      events.add(span("E", "run", "sync", 0, 1, s.endMicros() - t0, null));
      events.add(span("E", "sync " + s.sync(), "sync", 0, 1, s.endMicros() - t0, null));
    }
    if (record.detailNotice() != null) {
      events.add(span("i", record.detailNotice(), "notice", 0, 1, 0, "{\"s\":\"g\"}"));
    }
    List<ChunkRun> runs = new ArrayList<>(record.chunkRuns());
    runs.sort(Comparator.comparingLong(ChunkRun::startMicros));
    for (ChunkRun run : runs) {
      WorkerLayout.Lane lane = layout.lane(run.worker());
      StageInfo stage = stage(record, run.sync(), run.stage());
      String name =
          "chunk " + run.chunk() + " of " + (stage == null ? "stage " + run.stage() : stage.name());
      String args =
          "{\"sync\":"
              + run.sync()
              + ",\"stage\":"
              + run.stage()
              + ",\"chunk\":"
              + run.chunk()
              + ",\"bytesRead\":"
              + run.bytesRead()
              + ",\"bytesWritten\":"
              + run.bytesWritten()
              + ",\"complete\":"
              + run.complete()
              + (run.droppedTasks() == 0 ? "" : ",\"tasksLeftOut\":" + run.droppedTasks())
              + "}";
      events.add(
          span("B", name, "chunk", lane.process(), lane.thread(), run.startMicros() - t0, args));
      for (TaskRun t : run.tasks()) {
        String taskArgs =
            "{\"function\":"
                + Json.quote(t.function())
                + ",\"stage\":"
                + Json.quote(stage == null ? Integer.toString(run.stage()) : stage.name())
                + ",\"sync\":"
                + run.sync()
                + ",\"chunk\":"
                + run.chunk()
                + ",\"outcome\":"
                + Json.quote(t.outcome().name())
                + ",\"attempts\":"
                + t.attempts()
                + "}";
        events.add(
            span(
                "B",
                t.task(),
                t.function(),
                lane.process(),
                lane.thread(),
                t.startMicros() - t0,
                taskArgs));
        events.add(
            span(
                "E",
                t.task(),
                t.function(),
                lane.process(),
                lane.thread(),
                t.endMicros() - t0,
                null));
      }
      events.add(
          span("E", name, "chunk", lane.process(), lane.thread(), run.endMicros() - t0, null));
    }
    StringBuilder out = new StringBuilder();
    out.append("{\"displayTimeUnit\":\"ms\",\n\"otherData\":{\"app\":")
        .append(Json.quote(record.app()))
        .append(",\"runner\":")
        .append(Json.quote(record.runner()))
        .append(",\"startEpochMicros\":")
        .append(t0)
        .append(",\"clock\":\"ts = microseconds since startEpochMicros, on the driver's clock\"")
        .append(
            record.detailNotice() == null
                ? ""
                : ",\"taskDetail\":" + Json.quote(record.detailNotice()))
        .append(",\"clockShiftsMicros\":{");
    boolean first = true;
    for (Map.Entry<String, Long> e : record.clockShifts().entrySet()) {
      out.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(e.getValue());
      first = false;
    }
    out.append("}},\n\"traceEvents\":[\n");
    out.append(String.join(",\n", events));
    out.append("\n]}\n");
    return out.toString();
  }

  static StageInfo stage(RunRecord record, int sync, int stage) {
    for (SyncInfo s : record.syncs()) {
      if (s.sync() == sync && stage < s.stages().size()) {
        return s.stages().get(stage);
      }
    }
    return null;
  }

  private static String meta(String what, int pid, int tid, String name) {
    return "{\"ph\":\"M\",\"name\":\""
        + what
        + "\",\"pid\":"
        + pid
        + ",\"tid\":"
        + tid
        + ",\"args\":{\"name\":"
        + Json.quote(name)
        + "}}";
  }

  private static String span(
      String ph, String name, String cat, int pid, int tid, long ts, String args) {
    return "{\"ph\":\""
        + ph
        + "\",\"name\":"
        + Json.quote(name)
        + ",\"cat\":"
        + Json.quote(cat)
        + ",\"pid\":"
        + pid
        + ",\"tid\":"
        + tid
        + ",\"ts\":"
        + ts
        + (args == null ? "" : ",\"args\":" + args)
        + "}";
  }
}
