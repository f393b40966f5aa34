package io.taskbeam.internal.engine;

import io.taskbeam.Direction;
import io.taskbeam.ExplainStop;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.internal.beam.BeamRunner;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.data.Fingerprint;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.SharedCache;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.Unserializable;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.EventClock;
import io.taskbeam.internal.observe.EventFiles;
import io.taskbeam.internal.observe.RunObserver;
import io.taskbeam.internal.observe.SyncListener;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import io.taskbeam.internal.plan.Runner;
import io.taskbeam.internal.report.RunFiles;
import io.taskbeam.internal.session.SessionDirs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine under {@code TaskBeam}: records calls into the {@link TaskGraph}, and at a sync point
 * compiles what is pending ({@link PlanCompiler}), hands the plan to the {@link Runner}, and reads
 * results back. A {@link SyncListener} watches every step without changing any.
 *
 * <h2>Data and their lifetime</h2>
 *
 * Data are named by ids: the API's futures hold a datum id, the graph holds versions and edges, and
 * the {@link DataStore} holds each version's value (small program values as bytes, the rest as
 * references to the work directory). The API registers every future it hands out as a
 * <em>handle</em> ({@link #hold}), weakly referenced: once the program drops the last handle on a
 * datum and no pending task reads or computes it, the datum leaves the graph and its value the
 * store, and a sync point does not even store a result nobody can read. Versions replaced by a
 * later write go once the tasks pending at that write have run. So a long session's driver holds
 * what the program can still reach, whatever the number of tasks it ran.
 */
public final class Session {

  private final TaskBeamOptions options;
  private final Path sessionDir;
  private final SessionSeal seal;
  private final Runner runner;
  private final SyncListener listener;
  private final TaskGraph graph = new TaskGraph();
  private final DataStore store = new DataStore();
  private final FileData files;

  /** Data the program deleted: their futures can no longer be used. */
  private final Set<Long> deleted = new HashSet<>();

  private final TaskGroups groups = new TaskGroups(graph, store);

  /** Datums that are files: their path is their value, reachable by name at any time. */
  private final Set<Long> fileData = new HashSet<>();

  private final Handles handles = new Handles();

  /** Plain values captured since the last sync point, with what they held then. */
  private final Map<Object, Capture> captured = new IdentityHashMap<>();

  private final List<SyncReport> reports = new ArrayList<>();

  /** How long the exit hook waits for a cancelled job to end before it deletes its files. */
  static final java.time.Duration CANCEL_BOUND = java.time.Duration.ofSeconds(20);

  /** The sync point whose job is running, 0 between sync points; read by the exit hook. */
  private volatile int inFlight;

  /** Set by the exit hook: a sync point failing from now on failed because the JVM is exiting. */
  private volatile boolean exiting;

  private int syncs;
  private long submitNanos;

  /** Bytes of large program values written to the work directory since the last sync point. */
  private long writtenBytes;

  private Session(TaskBeamOptions options) {
    this.options = options;
    int requested = requestedParallelism(options);
    this.sessionDir = SessionDirs.create(options.getWorkDir());
    this.seal = SessionSeal.create(sessionDir);
    this.files = new FileData(graph, store, sessionDir);
    this.runner = BeamRunner.start(options, requested, sessionDir);
    try {
      this.listener =
          RunObserver.start(
              options, runner.name(), runner.parallelism(), sessionDir, RunFiles::write);
    } catch (RuntimeException | Error e) {
      runner.close(); // e.g. an embedded Flink cluster already starting
      throw e;
    }
  }

  /** A plain value's datum and the fingerprint of its content when it was captured. */
  private record Capture(long datum, long fingerprint) {}

  /** A new session; checks the sizing options and prepares the runner. */
  public static Session start(TaskBeamOptions options) {
    return new Session(options);
  }

  public int parallelism() {
    return runner.parallelism();
  }

  public String target() {
    return runner.description();
  }

  public Path runDirectory() {
    return listener.runDirectory();
  }

  public List<SyncReport> reports() {
    return List.copyOf(reports);
  }

  public int pendingTasks() {
    return graph.pending().size();
  }

  public void check(String what, boolean passed) {
    listener.check(what, passed);
  }

  /**
   * Registers {@code holder} (the API's future) as a handle on {@code datum}: the datum stays while
   * some handle on it is reachable.
   */
  public void hold(Object holder, long datum) {
    handles.hold(holder, datum);
  }

  /** Data the session holds: in the graph, and values in the store. */
  public String held() {
    return graph.size() + " data, " + store.size() + " values";
  }

  /** Registers a program value as a new datum; returns its id. */
  public long put(Object value) {
    long start = System.nanoTime();
    long id = supply(value, "put");
    submitNanos += System.nanoTime() - start;
    return id;
  }

  /**
   * Records one call of the task method {@code fn}. {@code args[i]} is a plain value, or the datum
   * id of a future when {@code isFuture[i]}. Returns the result's datum id, or -1 for a void task.
   */
  public long submit(Serializable fn, Object[] args, boolean[] isFuture) {
    long start = System.nanoTime();
    TaskFunction function = FunctionResolver.resolve(fn);
    checkMemory(function);
    long[] ids = new long[args.length];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (function.direction(i).isFile()) {
        if (isFuture[i]) {
          throw new IllegalArgumentException(
              function.direction(i)
                  + " parameter "
                  + function.paramName(i)
                  + " of task "
                  + function.displayName()
                  + " takes a file path (String or Path); got TaskFuture");
        }
        ids[i] = files.datum(arg, function, i);
        fileData.add(ids[i]);
      } else if (isFuture[i]) {
        ids[i] = (Long) arg;
        if (deleted.contains(ids[i])) {
          throw new IllegalStateException(
              "argument "
                  + function.paramName(i)
                  + " of task "
                  + function.displayName()
                  + " was deleted with delete(...): it cannot be used "
                  + "again");
        }
        String lost = store.lostReason(graph.latest(ids[i]).key());
        if (lost != null) {
          throw new IllegalStateException(
              "argument "
                  + function.paramName(i)
                  + " of task "
                  + function.displayName()
                  + " was never computed: "
                  + lost);
        }
      } else {
        Direction dir = function.direction(i);
        if (dir != Direction.IN) {
          throw new IllegalArgumentException(
              "parameter "
                  + function.paramName(i)
                  + " of task "
                  + function.displayName()
                  + " is "
                  + dir
                  + ": pass a TaskFuture from put(value) "
                  + "so the update can be read back");
        }
        ids[i] = capture(arg, function, i);
      }
    }
    TaskNode node = graph.addTask(function, ids);
    groups.add(node);
    listener.submitted(node);
    handles.noteDropped();
    submitNanos += System.nanoTime() - start;
    return node.result() == null ? -1 : node.result().datum();
  }

  /**
   * Makes the {@code n} parts of the pending result {@code datum} data of their own, computed by
   * the same task; returns their ids.
   */
  public long[] split(long datum, int n) {
    return graph.split(datum, n);
  }

  /** Tasks submitted from now on belong to group {@code name} until it is closed. */
  public void openGroup(String name) {
    groups.open(name);
  }

  public void closeGroup(String name) {
    groups.close(name);
  }

  /** See {@link TaskGroups#cancel}. */
  public int cancelGroup(String name) {
    return groups.cancel(name);
  }

  /** Runs every pending task if the group has pending members (the engine runs all at once). */
  public void barrierGroup(String name) {
    if (groups.hasPending(name)) {
      sync();
    }
    groups.ran(name);
  }

  /**
   * The file as its last writer among the submitted tasks left it (COMPSs {@code
   * compss_wait_on_file}): runs the pending tasks first when one of them writes it.
   */
  public Path waitOnFile(Object path) {
    String key = FileData.key(path, "waitOnFile");
    Long id = files.known(key);
    if (id != null) {
      DataVersion v = graph.latest(id);
      if (v.producer() != null) {
        sync();
        v = graph.latest(id);
      }
      String lost = store.lostReason(v.key());
      if (lost != null) {
        throw new IllegalStateException("file " + key + " was never written: " + lost);
      }
    }
    return Path.of(key);
  }

  /**
   * Deletes a file tasks use (COMPSs {@code compss_delete_file}): first runs the pending tasks that
   * read or write it, then removes it from disk and from the session.
   */
  public void deleteFile(Object path) {
    String key = FileData.key(path, "deleteFile");
    Long id = files.known(key);
    if (id != null) {
      DataVersion v = graph.latest(id);
      if (v.producer() != null || !v.readers().isEmpty()) {
        sync();
      }
      files.forget(key);
      fileData.remove(id);
      handles.forget(id);
    }
    try {
      java.nio.file.Files.deleteIfExists(Path.of(key));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot delete " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops a datum (COMPSs {@code compss_delete_object}): its future can no longer be used, and its
   * value goes once the pending tasks that read it have run.
   */
  public void delete(long datum) {
    checkNotDeleted(datum);
    deleted.add(datum);
    handles.forget(datum);
  }

  private void checkNotDeleted(long datum) {
    if (deleted.contains(datum)) {
      throw new IllegalStateException(
          "d" + datum + " was deleted with delete(...): it cannot " + "be used again");
    }
  }

  /** Refuses a task whose memory request no worker's heap can meet. */
  private void checkMemory(TaskFunction function) {
    long heap = function.memoryMb() > 0 ? runner.workerHeapBytes() : -1;
    if (heap > 0 && function.memoryMb() * 1024 * 1024 > heap) {
      throw new IllegalArgumentException(
          "task "
              + function.displayName()
              + " asks memoryMb = "
              + function.memoryMb()
              + ", more than the heap of any worker of "
              + runner.name()
              + " ("
              + heap / (1024 * 1024)
              + " MiB): give the workers more heap or ask for less");
    }
  }

  /** Runs what the data need (everything pending) and returns their values, in order. */
  public List<Object> waitOn(List<Long> data) {
    for (long datum : data) {
      checkNotDeleted(datum);
    }
    List<DataVersion> versions = new ArrayList<>(data.size());
    boolean pending = false;
    for (long datum : data) {
      DataVersion v = graph.latest(datum);
      versions.add(v);
      pending |= v.producer() != null;
    }
    handles.pin(data);
    try {
      if (pending) {
        sync();
      }
      return fetch(versions);
    } finally {
      handles.unpin(data);
    }
  }

  /** Runs every pending task. */
  public void barrier() {
    sync();
  }

  /** The plan the pending tasks would compile to; runs nothing. */
  public String explain() {
    List<TaskNode> tasks = graph.pending();
    return PlanCompiler.compile(
            tasks, graph.latestWrittenBy(tasks), store::get, settings(syncs + 1, null))
        .describe();
  }

  /**
   * Ends the session: tells the listener, closes the runner, deletes the work files (unless {@code
   * --keepWorkDir}), and returns the complaint about tasks never synced, or null.
   */
  public String close() {
    List<TaskNode> never = graph.pending();
    String complaint = never.isEmpty() ? null : neverSynced(never);
    listener.close(complaint == null ? null : new IllegalStateException(complaint));
    cleanUp();
    return complaint;
  }

  /**
   * At JVM exit without close. During a sync point (the driver got SIGINT or SIGTERM) it cancels
   * the running job and waits for it to end (at most {@link #CANCEL_BOUND}) before the work
   * directory goes, ends the run's log with the interruption and prints one line; otherwise it
   * prints the complaint about tasks never synced. Then it cleans up.
   */
  public void onExit(PrintStream err) {
    exiting = true;
    int sync = inFlight;
    if (sync > 0) {
      String cancelled = runner.cancelRunning(CANCEL_BOUND);
      String line =
          "interrupted during sync point "
              + sync
              + (cancelled == null ? "" : ": " + cancelled)
              + (options.getKeepWorkDir()
                  ? "; kept the session directory " + sessionDir
                  : "; removed the session directory " + sessionDir);
      listener.interrupted(line);
      err.println("taskbeam: " + line);
    } else {
      List<TaskNode> never = graph.pending();
      if (!never.isEmpty()) {
        err.println("taskbeam: " + neverSynced(never));
      }
    }
    cleanUp();
  }

  /**
   * The datum of a plain value passed to a task. Passing the same object again before the next sync
   * point reuses its capture only while its content is unchanged (same fingerprint): a program that
   * modifies an array between two submissions gets what a sequential run gives.
   */
  private long capture(Object value, TaskFunction function, int param) {
    String what = "argument " + function.paramName(param) + " of task " + function.displayName();
    Capture known = value == null ? null : captured.get(value);
    boolean immutable = Fingerprint.immutable(value);
    long fingerprint = immutable ? 0 : fingerprint(value, what);
    if (known != null && known.fingerprint() == fingerprint) {
      return known.datum();
    }
    long id = supply(value, what);
    if (value != null) {
      captured.put(value, new Capture(id, fingerprint));
    }
    handles.unheld(id);
    return id;
  }

  private static long fingerprint(Object value, String what) {
    try {
      return Fingerprint.of(value);
    } catch (IOException e) {
      throw Unserializable.refusal(value, what, e);
    }
  }

  /**
   * Registers a captured value. One larger than the inline limit is written to the work directory
   * at once and only the file is remembered: the driver never holds the bytes of a blocked
   * product's matrices until the sync point, and the sync point has nothing to write.
   */
  private long supply(Object value, String what) {
    long size = ValueCoder.encodedSizeIfKnown(value);
    byte[] encoded = size > options.getInlineLimitBytes() ? null : encode(value, what);
    long id = graph.supply();
    String key = graph.latest(id).key();
    if (encoded == null) {
      store.put(
          key,
          DriverValue.stored(
              writeInput(key, size, file -> WorkDir.writeValue(file, key, value, size))));
    } else if (encoded.length > options.getInlineLimitBytes()) {
      store.put(key, DriverValue.stored(writeInput(key, encoded)));
    } else {
      store.put(key, DriverValue.inline(encoded));
    }
    return id;
  }

  private StoredRef writeInput(String key, byte[] encoded) {
    return writeInput(
        key,
        encoded.length,
        file -> WorkDir.writeBundle(file, List.of(new WorkDir.Entry(key, encoded))));
  }

  /** Writes a program value to the file the compiler expects for {@code key}; counts it. */
  private StoredRef writeInput(String key, long bytes, Consumer<Path> write) {
    Path file = PlanCompiler.inputFile(sessionDir.toString(), key);
    write.accept(file);
    writtenBytes += bytes;
    return new StoredRef(file.toString(), key);
  }

  private static byte[] encode(Object value, String what) {
    try {
      return ValueCoder.toBytes(value);
    } catch (IOException e) {
      throw Unserializable.refusal(value, what, e);
    }
  }

  /**
   * One sync point: compile, then either explain (print the plan, let the listener write what it
   * shows, stop) or write the program values the plan reads from files, run, and record where the
   * results are.
   */
  private void sync() {
    List<TaskNode> tasks = graph.takePending();
    captured.clear();
    if (tasks.isEmpty()) {
      settle(tasks);
      return;
    }
    int sync = ++syncs;
    handles.noteDropped();
    List<DataVersion> keep = new ArrayList<>();
    for (DataVersion v : graph.latestWrittenBy(tasks)) {
      if (handles.held(v.datum()) || fileData.contains(v.datum())) {
        keep.add(v);
      }
    }
    long start = System.nanoTime();
    long startMicros = EventClock.nowMicros();
    String eventDir =
        listener == SyncListener.NONE ? null : EventFiles.syncDir(sessionDir, sync).toString();
    Plan plan = PlanCompiler.compile(tasks, keep, store::get, settings(sync, eventDir));
    long compiled = System.nanoTime();
    if (options.getExplain()) {
      explain(sync, tasks, keep, plan, startMicros);
    }
    listener.syncStarting(sync, tasks, keep, plan, startMicros);
    long driverBytes;
    Map<String, StoredRef> stored;
    try {
      for (DataVersion v : suppliedInputs(tasks, plan).values()) {
        store.put(v.key(), DriverValue.stored(writeInput(v.key(), store.get(v.key()).inline())));
      }
      driverBytes = plan.inlineBytes() + writtenBytes;
      inFlight = sync;
      stored = runner.run(plan);
    } catch (RuntimeException e) {
      if (exiting) {
        awaitExit(); // the exit hook cancelled the job and reports it: no second message
      }
      listener.syncEnded(e);
      String reason = "sync point " + sync + " failed: " + e.getMessage();
      for (DataVersion v : keep) {
        store.markLost(v.key(), reason);
      }
      settle(tasks);
      throw e;
    } finally {
      inFlight = 0;
      writtenBytes = 0;
      if (eventDir != null) {
        FileData.moveTree(Path.of(eventDir, "binary"), runDirectory().resolve("binary"));
      }
    }
    listener.syncEnded(null);
    for (DataVersion v : keep) {
      store.put(v.key(), DriverValue.stored(stored.get(v.key())));
    }
    settle(tasks);
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    reports.add(
        new SyncReport(
            sync,
            plan.taskCount(),
            plan.stages().size(),
            chunks,
            submitNanos,
            compiled - start,
            System.nanoTime() - compiled,
            driverBytes));
    submitNanos = 0;
  }

  /**
   * After a sync point: its tasks are done, so the versions they replaced can go, and so can every
   * datum no handle holds.
   */
  private void settle(List<TaskNode> tasks) {
    graph.settle(tasks);
    for (DataVersion v : graph.takeRetired()) {
      store.remove(v.key());
    }
    handles.release(
        datum -> {
          DataVersion released = graph.release(datum);
          if (released != null) {
            store.remove(released.key());
          }
          return released != null;
        });
  }

  private void explain(
      int sync, List<TaskNode> tasks, List<DataVersion> keep, Plan plan, long startMicros) {
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    System.out.print(
        "explain: sync point "
            + sync
            + " compiles to "
            + plan.taskCount()
            + " tasks in "
            + plan.stages().size()
            + " stages, "
            + chunks
            + " chunks (parallelism "
            + runner.parallelism()
            + "):\n"
            + plan.describe());
    System.out.flush();
    Path dir = listener.explained(sync, tasks, keep, plan, startMicros);
    throw new ExplainStop(
        "--explain: stopped before running" + (dir == null ? "" : "; graph and plan in " + dir));
  }

  private static Map<String, DataVersion> suppliedInputs(List<TaskNode> tasks, Plan plan) {
    Map<String, DataVersion> supplied = new LinkedHashMap<>();
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        DataVersion v = t.input(i);
        if (v != null && plan.driverFiles().containsKey(v.key())) {
          supplied.put(v.key(), v);
        }
      }
    }
    return supplied;
  }

  private List<Object> fetch(List<DataVersion> versions) {
    Map<String, Set<String>> byFile = new LinkedHashMap<>();
    List<DriverValue> held = new ArrayList<>(versions.size());
    for (DataVersion v : versions) {
      String lost = store.lostReason(v.key());
      if (lost != null) {
        throw new IllegalStateException("value " + v.key() + " was never computed: " + lost);
      }
      DriverValue value = store.get(v.key());
      if (value == null) {
        throw new IllegalStateException("value " + v.key() + " is not held by this session");
      }
      held.add(value);
      if (value.stored() != null) {
        byFile.computeIfAbsent(value.stored().path(), p -> new HashSet<>()).add(v.key());
      }
    }
    Map<String, Object> loaded = new HashMap<>();
    byFile.forEach((path, keys) -> loaded.putAll(WorkDir.readAll(path, keys)));
    List<Object> values = new ArrayList<>(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      DataVersion v = versions.get(i);
      DriverValue h = held.get(i);
      Object value = h.stored() != null ? loaded.get(v.key()) : decode(h.inline());
      if (value instanceof FailedValue failed) {
        throw new TaskCancelledException(
            failed.failedTask(),
            "value " + v.key() + " was not computed because " + failed.message());
      }
      values.add(value);
    }
    return values;
  }

  /** Parks the program's thread while the JVM exits (the exit hook does the reporting). */
  private static void awaitExit() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep waiting: the JVM is going down
      }
    }
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a program-supplied value", e);
    }
  }

  private PlanCompiler.Settings settings(int sync, String eventDir) {
    return new PlanCompiler.Settings(
        runner.parallelism(),
        options.getChunksPerWorker(),
        options.getInlineLimitBytes(),
        sessionDir.toString(),
        sync,
        options.getFuseChains(),
        eventDir);
  }

  private void cleanUp() {
    runner.close();
    SharedCache.evictUnder(sessionDir.toString());
    if (!options.getKeepWorkDir()) {
      WorkDir.deleteTree(sessionDir);
    }
    seal.forget();
  }

  private static String neverSynced(List<TaskNode> never) {
    return never.size()
        + " task(s) were submitted but never synced (first: "
        + never.get(0)
        + "): call waitOn(...) or barrier() before the session ends";
  }

  /** The requested parallelism, -1 for the runner's default; checks the sizing options. */
  private static int requestedParallelism(TaskBeamOptions options) {
    Integer p = options.getParallelism();
    if (p == null) {
      p = -1;
    }
    if (p < 1 && p != -1) {
      throw new IllegalArgumentException(
          "--parallelism must be a positive number of workers "
              + "(or -1 for the default); got "
              + p);
    }
    if (options.getChunksPerWorker() < 1) {
      throw new IllegalArgumentException(
          "--chunksPerWorker must be at least 1; got " + options.getChunksPerWorker());
    }
    if (options.getInlineLimitBytes() < 0) {
      throw new IllegalArgumentException(
          "--inlineLimitBytes must not be negative; got " + options.getInlineLimitBytes());
    }
    return p;
  }
}
