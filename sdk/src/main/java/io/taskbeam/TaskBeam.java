package io.taskbeam;

import io.taskbeam.internal.beam.SyncRunner;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.data.SharedCache;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.flink.FlinkSetup;
import io.taskbeam.internal.flink.SessionJobs;
import io.taskbeam.internal.options.RunnerProfiles;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.FileData;
import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.EventClock;
import io.taskbeam.internal.observe.RunObserver;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import io.taskbeam.internal.report.RunFiles;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.ejml.data.DMatrixRMaj;

/**
 * A taskbeam session: the one class a program starts from. Submitting a task records it and
 * returns a {@link TaskFuture} at once; {@link #waitOn} and {@link #barrier} are the sync
 * points, where everything pending is compiled into one Beam pipeline and run.
 *
 * <pre>{@code
 * try (TaskBeam tb = TaskBeam.start(options)) {
 *   List<TaskFuture<DMatrixRMaj>> parts = new ArrayList<>();
 *   for (DMatrixRMaj rows : Blocks.rowBlocks(a, 64)) {
 *     parts.add(tb.submit(RowMatMul::multiplyRows, rows, b));
 *   }
 *   DMatrixRMaj c = Blocks.stackRows(tb.waitOn(parts));
 * }
 * }</pre>
 *
 * <p>A plain value passed to tasks is captured when it is first passed; passing the same object
 * again before the next sync point reuses that capture, so do not modify an object between the
 * tasks that read it. Closing a session with tasks never synced throws.
 */
public final class TaskBeam extends TaskSubmitter implements AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final TaskBeamOptions options;
  private final int parallelism;
  private final boolean onFlink;
  private final String target;
  private final Path sessionDir;
  private final TaskGraph graph = new TaskGraph();
  private final FileData files = new FileData(graph);
  private final Map<Object, Long> captured = new IdentityHashMap<>();
  private final List<SyncReport> reports = new ArrayList<>();
  private final Thread shutdownHook;
  private final RunObserver observer;
  private int syncs;
  private long submitNanos;
  /** Bytes of large program values written to the work directory since the last sync point. */
  private long writtenBytes;
  private boolean closed;

  private TaskBeam(TaskBeamOptions options) {
    this.options = options;
    int requested = requestedParallelism(options);
    String root = options.getWorkDir() != null ? options.getWorkDir()
        : Path.of(System.getProperty("java.io.tmpdir"), "taskbeam-work").toString();
    this.sessionDir = Path.of(root, "session-" + LocalDateTime.now().format(STAMP) + "-"
        + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    this.onFlink = FlinkSetup.isFlink(options);
    if (onFlink) {
      FlinkSetup.Target flink = FlinkSetup.prepare(options, requested, sessionDir);
      this.parallelism = flink.parallelism();
      this.target = flink.description();
    } else {
      this.parallelism = requested == -1 ? Runtime.getRuntime().availableProcessors() : requested;
      this.target = options.getRunner().getSimpleName() + ", parallelism " + parallelism;
      SyncRunner.tune(options, parallelism);
    }
    this.observer = RunObserver.start(options, parallelism, sessionDir, RunFiles::write);
    this.shutdownHook = new Thread(this::onExit, "taskbeam-exit-check");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a session from command-line arguments ({@code --runner=...}, {@code --parallelism}). */
  public static TaskBeam start(String... args) {
    return start(PipelineOptionsFactory.fromArgs(RunnerProfiles.expand(args)).withValidation()
        .as(TaskBeamOptions.class));
  }

  /** Starts a session with parsed options; any {@code PipelineOptions} is viewed as taskbeam's. */
  public static TaskBeam start(PipelineOptions options) {
    return new TaskBeam(options.as(TaskBeamOptions.class));
  }

  /**
   * Registers a program value as a datum and returns its handle: needed for values that tasks
   * update in place (INOUT, COMMUTATIVE, OUT), and a way to share one value among many tasks.
   */
  public <T> TaskFuture<T> put(T value) {
    checkOpen();
    long start = System.nanoTime();
    TaskFuture<T> future = new TaskFuture<>(this, supply(value, "put"));
    submitNanos += System.nanoTime() - start;
    return future;
  }

  /**
   * One datum holding the values of {@code parts}, in order: pass it to a task parameter of type
   * {@code List<T>} (COMPSs' collection parameter). Costs one small stage that gathers the parts.
   */
  public <T> TaskFuture<List<T>> collect(List<? extends TaskFuture<? extends T>> parts) {
    return Gather.collect(this, parts);
  }

  /** Runs everything pending that {@code future} needs (in practice: everything pending) and
   * returns its value. */
  @SuppressWarnings("unchecked")
  public <T> T waitOn(TaskFuture<T> future) {
    return (T) waitOn(List.of(future)).get(0);
  }

  /** Like {@link #waitOn(TaskFuture)} for many futures, in one pipeline; values in order. */
  @SuppressWarnings("unchecked")
  public <T> List<T> waitOn(Collection<? extends TaskFuture<? extends T>> futures) {
    checkOpen();
    List<DataVersion> versions = new ArrayList<>(futures.size());
    boolean pending = false;
    for (TaskFuture<? extends T> f : futures) {
      DataVersion v = graph.latest(own(f));
      versions.add(v);
      pending |= v.producer() != null;
    }
    if (pending) {
      sync();
    }
    return (List<T>) fetch(versions);
  }

  /** Runs every pending task; results stay in the work directory until waited on. */
  public void barrier() {
    checkOpen();
    sync();
  }

  /** Tasks submitted since the last sync point. */
  public int pendingTasks() {
    return graph.pending().size();
  }

  /** One report per sync point that ran, in order. */
  public List<SyncReport> reports() {
    return List.copyOf(reports);
  }

  /** The workers each stage is spread over. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Where the session's jobs run, in one line: the runner, and on a Flink cluster its address,
   * TaskManagers, free slots and what each job ships.
   */
  public String target() {
    return target;
  }

  /** The plan the pending tasks would compile to, one line per stage; runs nothing. */
  public String explain() {
    List<TaskNode> tasks = graph.pending();
    return PlanCompiler.compile(tasks, graph.latestWrittenBy(tasks), settings(syncs + 1))
        .describe();
  }

  /**
   * Ends the session and deletes its work files (unless {@code --keepWorkDir}). Throws if tasks
   * were submitted and never synced: their results would silently be lost.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyExiting) {
      // the hook is running or has run
    }
    List<TaskNode> never = graph.pending();
    if (observer != null) {
      observer.close(never.isEmpty() ? null : new IllegalStateException(neverSynced(never)));
    }
    cleanUp();
    if (!never.isEmpty()) {
      throw new IllegalStateException(neverSynced(never));
    }
  }

  /**
   * Adds a result check to the run's report, e.g. a comparison with a sequential reference:
   * {@code tb.check("C matches a sequential EJML product", error < 1e-9)}.
   */
  public void check(String what, boolean passed) {
    checkOpen();
    if (observer != null) {
      observer.check(what, passed);
    }
  }

  /** The run directory of this session (graph, traces, report), or null with --observe=false. */
  public Path runDirectory() {
    return observer == null ? null : observer.record().runDir();
  }

  @Override
  <R> TaskFuture<R> record(Serializable fn, Object... args) {
    checkOpen();
    long start = System.nanoTime();
    TaskFunction function = FunctionResolver.resolve(fn);
    long[] ids = new long[args.length];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (function.direction(i).isFile()) {
        ids[i] = files.datum(arg, function, i);
      } else if (arg instanceof TaskFuture<?> future) {
        ids[i] = own(future);
        String lost = graph.latest(ids[i]).lostReason();
        if (lost != null) {
          throw new IllegalStateException("argument " + function.paramName(i) + " of task "
              + function.displayName() + " was never computed: " + lost);
        }
      } else {
        Direction dir = function.direction(i);
        if (dir != Direction.IN) {
          throw new IllegalArgumentException("parameter " + function.paramName(i) + " of task "
              + function.displayName() + " is " + dir + ": pass a TaskFuture from put(value) "
              + "so the update can be read back");
        }
        ids[i] = capture(arg, function, i);
      }
    }
    TaskNode node = graph.addTask(function, ids);
    if (observer != null) {
      observer.submitted(node);
    }
    submitNanos += System.nanoTime() - start;
    return node.result() == null ? null : new TaskFuture<>(this, node.result().datum());
  }

  private long capture(Object value, TaskFunction function, int param) {
    Long known = value == null ? null : captured.get(value);
    if (known != null) {
      return known;
    }
    long id = supply(value, "argument " + function.paramName(param) + " of task "
        + function.displayName());
    if (value != null) {
      captured.put(value, id);
    }
    return id;
  }

  /**
   * Registers a captured value. One larger than the inline limit is written to the work
   * directory at once and only the file is remembered: the driver never holds the bytes of a
   * blocked product's matrices until the sync point, and the sync point has nothing to write.
   * A matrix is encoded straight into its file; other values through one array.
   */
  private long supply(Object value, String what) {
    if (value instanceof DMatrixRMaj m) {
      long size = ValueCoder.encodedSize(m);
      if (size > options.getInlineLimitBytes()) {
        return graph.supplyStored(
            key -> writeInput(key, size, file -> WorkDir.writeValue(file, key, m, size)));
      }
    }
    byte[] encoded = encode(value, what);
    return encoded.length > options.getInlineLimitBytes()
        ? graph.supplyStored(key -> writeInput(key, encoded)) : graph.supply(encoded);
  }

  /** Writes an encoded program value to its file in the work directory. */
  private StoredRef writeInput(String key, byte[] encoded) {
    return writeInput(key, encoded.length,
        file -> WorkDir.writeBundle(file, List.of(new WorkDir.Entry(key, encoded))));
  }

  /**
   * Writes a program value of {@code bytes} encoded bytes to the file the compiler expects for
   * {@code key}, with {@code write}, and counts it for the next sync point's report.
   */
  private StoredRef writeInput(String key, long bytes, Consumer<Path> write) {
    Path file = PlanCompiler.inputFile(sessionDir.toString(), key);
    write.accept(file);
    writtenBytes += bytes;
    return new StoredRef(file.toString(), key);
  }

  private static byte[] encode(Object value, String what) {
    try {
      return ValueCoder.toBytes(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(what + " has type " + value.getClass().getName()
          + ", which cannot be serialized: make it implement java.io.Serializable");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage(), e);
    }
  }

  private void sync() {
    List<TaskNode> tasks = graph.takePending();
    captured.clear();
    if (tasks.isEmpty()) {
      return;
    }
    int sync = ++syncs;
    List<DataVersion> keep = graph.latestWrittenBy(tasks);
    long start = System.nanoTime();
    long startMicros = EventClock.nowMicros();
    Plan plan = PlanCompiler.compile(tasks, keep, settings(sync));
    long compiled = System.nanoTime();
    if (observer != null) {
      observer.syncStarting(sync, tasks, keep, plan, startMicros);
    }
    long driverBytes;
    try {
      // values the plan sends through files that were not written when captured
      for (DataVersion v : suppliedInputs(tasks, plan).values()) {
        v.markStored(writeInput(v.key(), v.encoded()));
      }
      driverBytes = plan.inlineBytes() + writtenBytes;
      SyncRunner.run(plan, options, onFlink ? parallelism : 0);
    } catch (RuntimeException e) {
      if (observer != null) {
        observer.syncEnded(e);
      }
      String reason = "sync point " + sync + " failed: " + e.getMessage();
      for (DataVersion v : keep) {
        v.markLost(reason);
      }
      graph.forgetReaders(tasks);
      throw e;
    } finally {
      writtenBytes = 0;
    }
    if (observer != null) {
      observer.syncEnded(null);
    }
    for (DataVersion v : keep) {
      v.markStored(new StoredRef(plan.stored().get(v.key()), v.key()));
    }
    graph.forgetReaders(tasks);
    int chunks = plan.stages().stream().mapToInt(s -> s.chunks().size()).sum();
    reports.add(new SyncReport(sync, plan.taskCount(), plan.stages().size(), chunks,
        submitNanos, compiled - start, System.nanoTime() - compiled, driverBytes));
    submitNanos = 0;
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
    for (DataVersion v : versions) {
      if (v.lostReason() != null) {
        throw new IllegalStateException("value " + v.key() + " was never computed: "
            + v.lostReason());
      }
      if (v.stored() != null) {
        byFile.computeIfAbsent(v.stored().path(), p -> new java.util.HashSet<>())
            .add(v.key());
      }
    }
    Map<String, Object> loaded = new HashMap<>();
    byFile.forEach((path, keys) -> loaded.putAll(WorkDir.readAll(path, keys)));
    List<Object> values = new ArrayList<>(versions.size());
    for (DataVersion v : versions) {
      Object value = v.stored() != null ? loaded.get(v.key()) : decode(v.encoded());
      if (value instanceof FailedValue failed) {
        throw new TaskCancelledException(failed.failedTask(), "value " + v.key()
            + " was not computed because " + failed.message());
      }
      values.add(value);
    }
    return values;
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a program-supplied value", e);
    }
  }

  private PlanCompiler.Settings settings(int sync) {
    return new PlanCompiler.Settings(parallelism, options.getChunksPerWorker(),
        options.getInlineLimitBytes(), sessionDir.toString(), sync, options.getFuseChains());
  }

  private long own(TaskFuture<?> future) {
    if (future == null) {
      throw new IllegalArgumentException("a TaskFuture argument is null");
    }
    if (future.owner() != this) {
      throw new IllegalArgumentException(future + " belongs to another taskbeam session");
    }
    return future.datumId();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this taskbeam session is closed");
    }
  }

  private void cleanUp() {
    SessionJobs.release(options);
    SharedCache.evictUnder(sessionDir.toString());
    if (!options.getKeepWorkDir()) {
      WorkDir.deleteTree(sessionDir);
    }
  }

  private void onExit() {
    List<TaskNode> never = graph.pending();
    if (!closed && !never.isEmpty()) {
      System.err.println("taskbeam: " + neverSynced(never));
    }
    cleanUp();
  }

  private static String neverSynced(List<TaskNode> never) {
    return never.size() + " task(s) were submitted but never synced (first: " + never.get(0)
        + "): call waitOn(...) or barrier() before the session ends";
  }

  /** The requested parallelism, -1 for the runner's default; checks the sizing options. */
  private static int requestedParallelism(TaskBeamOptions options) {
    Integer p = options.getParallelism();
    if (p == null) {
      p = -1;
    }
    if (p < 1 && p != -1) {
      throw new IllegalArgumentException("--parallelism must be a positive number of workers "
          + "(or -1 for the default); got " + p);
    }
    if (options.getChunksPerWorker() < 1) {
      throw new IllegalArgumentException("--chunksPerWorker must be at least 1; got "
          + options.getChunksPerWorker());
    }
    if (options.getInlineLimitBytes() < 0) {
      throw new IllegalArgumentException("--inlineLimitBytes must not be negative; got "
          + options.getInlineLimitBytes());
    }
    return p;
  }
}
