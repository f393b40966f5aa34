package io.taskbeam.internal.observe;

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
  private int missingChunkRuns;
  private String error;

  public RunRecord(String app, String runner, int parallelism, Path runDir, long startMicros) {
    this.app = app;
    this.runner = runner;
    this.parallelism = parallelism;
    this.runDir = runDir;
    this.startMicros = startMicros;
    this.endMicros = startMicros;
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

  void addFunction(String function) {
    functions.add(function);
  }

  void addTask(TaskInfo task) {
    tasks.add(task);
    functions.add(task.function());
  }

  void addSync(SyncInfo sync) {
    syncs.add(sync);
  }

  void addChunkRuns(List<ChunkRun> runs, Map<String, Long> shifts) {
    chunkRuns.addAll(runs);
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
