package io.taskbeam.internal.observe;

import io.taskbeam.internal.dashboard.WorkerGauge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the driver learned about one run, as plain data: the tasks and sync points it
 * compiled, the chunk runs its workers reported (clock-aligned), result checks and totals. The run
 * directory's files (graph, plan, traces, report) are written from this alone.
 *
 * <p>Per-task detail (a {@link TaskInfo} per submitted task, a {@link TaskRun} per call) is kept
 * for the first {@code taskDetailLimit} tasks and calls only; every task still counts in its
 * function's {@link FunctionTotals}, and chunk runs stay (without their calls past the limit), so a
 * long session's record stays bounded and {@link #detailNotice()} says what was left out.
 */
public final class RunRecord {
  /** A result check the program reported, e.g. a comparison with a sequential reference. */
  public record Check(String what, boolean passed) {}

  private final String app;
  private final String runner;
  private final int parallelism;
  private final Path runDir;
  private final long startMicros;
  private long endMicros;
  private final List<TaskInfo> tasks = new ArrayList<>();
  private final List<SyncInfo> syncs = new ArrayList<>();
  private final List<ChunkRun> chunkRuns = new ArrayList<>();
  private final Map<String, Long> clockShifts = new LinkedHashMap<>();
  private final Set<String> functions = new LinkedHashSet<>();
  private final List<Check> checks = new ArrayList<>();
  private final Map<String, Long> bytes = new LinkedHashMap<>();
  private final Map<String, FunctionTotals> totals = new LinkedHashMap<>();
  private final int taskDetailLimit;
  private long submittedTasks;
  private long taskRunsSeen;
  private long taskRunsKept;
  private int missingChunkRuns;
  private String error;
  private List<WorkerGauge> workerGauges = List.of();

  /** A record keeping every task's detail (tests, small runs). */
  public RunRecord(String app, String runner, int parallelism, Path runDir, long startMicros) {
    this(app, runner, parallelism, runDir, startMicros, Integer.MAX_VALUE);
  }

  /**
   * @param taskDetailLimit tasks (and task calls) whose detail is kept, {@code --taskDetailLimit}
   */
  public RunRecord(
      String app,
      String runner,
      int parallelism,
      Path runDir,
      long startMicros,
      int taskDetailLimit) {
    if (taskDetailLimit < 0) {
      throw new IllegalArgumentException("taskDetailLimit must be >= 0; got " + taskDetailLimit);
    }
    this.taskDetailLimit = taskDetailLimit;
    this.app = app;
    this.runner = runner;
    this.parallelism = parallelism;
    this.runDir = runDir;
    this.startMicros = startMicros;
    this.endMicros = startMicros;
  }

  /**
   * The dashboard's workers panel at the end (last CPU, heap and slots and the peaks per worker),
   * sampled while the dashboard was on; none otherwise.
   */
  public List<WorkerGauge> workerGauges() {
    return workerGauges;
  }

  public void workerGauges(List<WorkerGauge> gauges) {
    this.workerGauges = List.copyOf(gauges);
  }

  public String app() {
    return app;
  }

  /** {@code DirectRunner}, or {@code FlinkRunner @ 127.0.0.1:8081}. */
  public String runner() {
    return runner;
  }

  public int parallelism() {
    return parallelism;
  }

  public Path runDir() {
    return runDir;
  }

  public long startMicros() {
    return startMicros;
  }

  public long endMicros() {
    return endMicros;
  }

  /** Tasks with detail, in submission order: all of them unless {@link #detailCapped()}. */
  public List<TaskInfo> tasks() {
    return Collections.unmodifiableList(tasks);
  }

  public List<SyncInfo> syncs() {
    return Collections.unmodifiableList(syncs);
  }

  /** Chunk runs in sync, stage, chunk order, times on the driver's clock. */
  public List<ChunkRun> chunkRuns() {
    return Collections.unmodifiableList(chunkRuns);
  }

  /** Worker process key to the microseconds its times were moved by (see ClockAlignment). */
  public Map<String, Long> clockShifts() {
    return Collections.unmodifiableMap(clockShifts);
  }

  /** Task functions in order of first submission: fixes their colours and Paraver values. */
  public List<String> functions() {
    return List.copyOf(functions);
  }

  public List<Check> checks() {
    return Collections.unmodifiableList(checks);
  }

  /** Bytes moved, by channel ({@code work_dir_read}, {@code work_dir_write}, {@code job_graph}). */
  public Map<String, Long> bytes() {
    return Collections.unmodifiableMap(bytes);
  }

  /** Chunks of finished sync points whose events never arrived. */
  public int missingChunkRuns() {
    return missingChunkRuns;
  }

  /** Why the run failed, or null. */
  public String error() {
    return error;
  }

  /** Every task submitted, detail kept or not. */
  public long submittedTasks() {
    return submittedTasks;
  }

  /** Task calls the workers reported, detail kept or not. */
  public long taskRuns() {
    return taskRunsSeen;
  }

  /** Per-function totals over every task, in the order of {@link #functions()}. */
  public Map<String, FunctionTotals> functionTotals() {
    return Collections.unmodifiableMap(totals);
  }

  public int taskDetailLimit() {
    return taskDetailLimit;
  }

  /** True once a task or a task call was left out of the detail. */
  public boolean detailCapped() {
    return submittedTasks > tasks.size() || taskRunsSeen > taskRunsKept;
  }

  /** One line for the report, trace and log when detail was capped, else null. */
  public String detailNotice() {
    if (!detailCapped()) {
      return null;
    }
    return String.format(
        java.util.Locale.ROOT,
        "task detail capped by --taskDetailLimit=%d: the graph shows %,d of %,d tasks and the"
            + " traces %,d of %,d task calls; per-function totals count all of them",
        taskDetailLimit,
        tasks.size(),
        submittedTasks,
        taskRunsKept,
        taskRunsSeen);
  }

  /** Whether the next submitted task gets a {@link TaskInfo} ({@link #addTask}). */
  boolean keepsTaskDetail() {
    return tasks.size() < taskDetailLimit;
  }

  void addFunction(String function) {
    functions.add(function);
    totals(function);
  }

  /** A task with its detail; only while {@link #keepsTaskDetail()}. */
  void addTask(TaskInfo task) {
    if (!keepsTaskDetail()) {
      throw new IllegalStateException("task detail is capped at " + taskDetailLimit);
    }
    tasks.add(task);
    countTask(task.function());
  }

  /** A task counted in its function's totals only. */
  void countTask(String function) {
    functions.add(function);
    totals(function).countSubmitted();
    submittedTasks++;
  }

  private FunctionTotals totals(String function) {
    return totals.computeIfAbsent(
        function,
        f -> {
          FunctionTotals t = new FunctionTotals();
          if (taskRunsSeen > taskRunsKept) {
            t.stopExact();
          }
          return t;
        });
  }

  void addSync(SyncInfo sync) {
    syncs.add(sync);
  }

  void addChunkRuns(List<ChunkRun> runs, Map<String, Long> shifts) {
    for (ChunkRun run : runs) {
      for (TaskRun t : run.tasks()) {
        totals(t.function()).ran(t);
      }
      taskRunsSeen += run.tasks().size();
      long room = Math.max(0, (long) taskDetailLimit - taskRunsKept);
      if (run.tasks().size() <= room) {
        chunkRuns.add(run);
        taskRunsKept += run.tasks().size();
      } else {
        chunkRuns.add(run.keepingTasks((int) room));
        taskRunsKept += room;
        totals.values().forEach(FunctionTotals::stopExact);
      }
    }
    shifts.forEach(
        (process, shift) -> {
          if (shift != 0) {
            clockShifts.merge(process, shift, (a, b) -> Math.abs(a) >= Math.abs(b) ? a : b);
          }
        });
  }

  void addMissing(int chunks) {
    missingChunkRuns += chunks;
  }

  void addBytes(String channel, long n) {
    if (n > 0) {
      bytes.merge(channel, n, Long::sum);
    }
  }

  void addCheck(Check check) {
    checks.add(check);
  }

  void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  void end(long micros) {
    endMicros = micros;
  }

  /** Distinct worker processes that ran chunks, by process key, in first-seen order. */
  public Map<String, WorkerIdentity> workers() {
    Map<String, WorkerIdentity> workers = new LinkedHashMap<>();
    for (ChunkRun run : chunkRuns) {
      workers.putIfAbsent(run.worker().processKey(), run.worker());
    }
    return workers;
  }
}
