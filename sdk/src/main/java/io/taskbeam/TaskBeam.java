package io.taskbeam;

import io.taskbeam.internal.engine.ClassPreload;
import io.taskbeam.internal.engine.Session;
import io.taskbeam.internal.options.RunnerProfiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A taskbeam session: the one class a program starts from. Submitting a task records it and returns
 * a {@link TaskFuture} at once; {@link #waitOn} and {@link #barrier} are the sync points, where
 * everything pending is compiled into one Beam pipeline and run.
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
 * <p>{@code submit(fn, args...)} is checked against the method's parameter types. When an argument
 * has the wrong type, javac prints pages of candidates (every generic {@code submit} overload); the
 * bound form records the same call and makes that error a few lines naming the mismatch: {@code
 * tb.task(RowMatMul::multiplyRows).submit(rows, b)} (see {@link BoundTask}).
 *
 * <p>A plain value passed to a task is captured at that submit, as a sequential call would see it:
 * passing the same unchanged object again before the next sync point reuses the capture (a
 * fingerprint of its content tells), and a modified one is captured again. Closing a session with
 * tasks never synced throws; a program that never closes its session still ends when its {@code
 * main} returns.
 *
 * <p>This class is the API only: the engine that records, compiles and runs is {@code
 * io.taskbeam.internal.engine.Session}.
 */
public final class TaskBeam extends TaskSubmitter implements AutoCloseable {
  private final Session session;
  private final PipelineOptions options;
  private final HandleIds handles;
  private final ExitCheck exitCheck;
  private boolean closed;

  private TaskBeam(TaskBeamOptions options) {
    this.options = options;
    this.session = Session.start(options);
    this.handles = new HandleIds(this, session);
    this.exitCheck = new ExitCheck(() -> closed, session::onExit);
  }

  /**
   * Starts a session from command-line arguments ({@code --runner=...}, {@code --parallelism}).
   * Runs are named after the calling program's class unless {@code --appName} is given.
   */
  public static TaskBeam start(String... args) {
    return start(TaskBeamOptions.class, args);
  }

  /**
   * Starts a session from the whole command line of a program with options of its own, declared
   * as a {@code PipelineOptions} interface; read them back with {@link #options(Class)}:
   *
   * <pre>{@code
   * try (TaskBeam tb = TaskBeam.start(JacobiOptions.class, args)) {
   *   int n = tb.options(JacobiOptions.class).getN();
   * }</pre>
   */
  public static TaskBeam start(Class<? extends PipelineOptions> programOptions, String... args) {
    String[] expanded = RunnerProfiles.expand(args);
    ClassPreload.start(List.of(expanded));
    PipelineOptions options = ProgramOptions.parse(expanded, programOptions, null);
    return new TaskBeam(options.as(TaskBeamOptions.class));
  }

  /** Starts a session with parsed options; any {@code PipelineOptions} is viewed as taskbeam's. */
  public static TaskBeam start(PipelineOptions options) {
    return new TaskBeam(options.as(TaskBeamOptions.class));
  }

  /**
   * The session's options as the program's own interface (see {@link #start(Class, String...)}).
   */
  public <T extends PipelineOptions> T options(Class<T> type) {
    return options.as(type);
  }

  /**
   * Registers a program value as a datum and returns its handle: needed for values that tasks
   * update in place (INOUT, COMMUTATIVE, OUT), and a way to share one value among many tasks.
   */
  public <T> TaskFuture<T> put(T value) {
    checkOpen();
    return handles.future(session.put(value));
  }

  /**
   * One datum holding the values of {@code parts}, in order: pass it to a task parameter of type
   * {@code List<T>} (COMPSs' collection parameter). Costs one small stage that gathers the parts.
   */
  public <T> TaskFuture<List<T>> collect(List<? extends TaskFuture<? extends T>> parts) {
    return Gather.gather(this, parts);
  }

  /**
   * The two results of a task returning a {@link Pair}, as futures of their own (PyCOMPSs {@code
   * returns=2}): each is computed by that task, with no extra task per part, and a later task can
   * take one without the other. Call it before the next sync point.
   */
  public <A, B> Pair<TaskFuture<A>, TaskFuture<B>> split(TaskFuture<Pair<A, B>> pair) {
    checkOpen();
    long[] parts = handles.split(pair, 2);
    return new Pair<>(handles.future(parts[0]), handles.future(parts[1]));
  }

  /** The three results of a task returning a {@link Triple}; see {@link #split(TaskFuture)}. */
  public <A, B, C> Triple<TaskFuture<A>, TaskFuture<B>, TaskFuture<C>> split3(
      TaskFuture<Triple<A, B, C>> triple) {
    checkOpen();
    long[] parts = handles.split(triple, 3);
    return new Triple<>(
        handles.future(parts[0]), handles.future(parts[1]), handles.future(parts[2]));
  }

  /**
   * The {@code n} elements of a task's list result as futures of their own (PyCOMPSs {@code
   * returns=n} for any n); the task must return exactly {@code n} elements.
   */
  public <T> List<TaskFuture<T>> split(TaskFuture<? extends List<T>> list, int n) {
    checkOpen();
    return handles.futures(handles.split(list, n));
  }

  /**
   * Returns the value of {@code future}: runs what is pending when it is not computed yet (then
   * everything pending), waits for the job computing it when one runs ({@code --pipelined}), and
   * starts nothing when it is computed. Throws {@link TaskFailedException} at the sync point where
   * a task failed, and {@link TaskCancelledException} for a value whose task did not run.
   */
  public <T> T waitOn(TaskFuture<T> future) {
    return waitOn(java.util.Collections.singletonList(future)).get(0);
  }

  /** Like {@link #waitOn(TaskFuture)} for many futures, in one pipeline; values in order. */
  @SuppressWarnings("unchecked")
  public <T> List<T> waitOn(Collection<? extends TaskFuture<? extends T>> futures) {
    checkOpen();
    return (List<T>) session.waitOn(handles.data(futures));
  }

  /** Runs every pending task; results stay in the work directory until waited on. */
  public void barrier() {
    checkOpen();
    session.barrier();
  }

  /** As {@link #barrier}, then journals the tasks (COMPSs' snapshot): --resume starts here. */
  public void snapshot() {
    barrier();
  }

  /** Opens a task group, holding the tasks submitted until it closes (try-with-resources). */
  public TaskGroup group(String name) {
    checkOpen();
    session.openGroup(name);
    return new TaskGroup(this, name);
  }

  void closeGroup(TaskGroup group) {
    session.closeGroup(group.name());
  }

  /**
   * Waits for the group's tasks (COMPSs {@code compss_barrier_group}). The session runs everything
   * pending in one pipeline, so the tasks outside the group run too.
   */
  public void barrier(TaskGroup group) {
    checkOpen();
    session.barrierGroup(handles.group(group));
  }

  /**
   * Cancels the group's pending tasks and every pending task that depends on them, without running
   * them; waiting on what they would have computed throws, naming the group. Tasks of the group
   * that already ran stay done. Returns how many tasks were cancelled.
   */
  public int cancel(TaskGroup group) {
    checkOpen();
    return session.cancelGroup(handles.group(group));
  }

  /**
   * The file as its last writer among the submitted tasks left it (COMPSs {@code
   * compss_wait_on_file} / {@code compss_open}): runs the pending tasks first when one of them
   * writes it. Returns its absolute path; open it as usual.
   */
  public Path waitOnFile(Object path) {
    checkOpen();
    return session.waitOnFile(path);
  }

  /**
   * Deletes a file (COMPSs {@code compss_delete_file}), after the pending tasks that read or write
   * it have run.
   */
  public void deleteFile(Object path) {
    checkOpen();
    session.deleteFile(path);
  }

  /**
   * Drops a datum (COMPSs {@code compss_delete_object}): the future can no longer be passed or
   * waited on, and the value goes once the pending tasks that read it have run.
   */
  public void delete(TaskFuture<?> future) {
    checkOpen();
    session.delete(handles.datum(future));
  }

  /** Tasks submitted since the last sync point. */
  public int pendingTasks() {
    return InTask.check(session).pendingTasks();
  }

  /** One report per sync point that ran, in order. */
  public List<SyncReport> reports() {
    return InTask.check(session).reports();
  }

  /** The workers each stage is spread over. */
  public int parallelism() {
    return session.parallelism();
  }

  /**
   * Where the session's jobs run, in one line: the runner, and on a Flink cluster its address,
   * TaskManagers, free slots and what each job ships.
   */
  public String target() {
    return session.target();
  }

  /** The plan the pending tasks would compile to, one line per stage; runs nothing. */
  public String explain() {
    return InTask.check(session).explain();
  }

  /**
   * Ends the session and deletes its work files (unless {@code --keepWorkDir}) but the results its
   * checkpoint journal names (docs/checkpoints.md). Throws if tasks were submitted and never
   * synced: their results would silently be lost.
   */
  @Override
  public void close() {
    InTask.refuse();
    if (closed) {
      return;
    }
    closed = true;
    exitCheck.cancel();
    String neverSynced = session.close();
    if (neverSynced != null) {
      throw new IllegalStateException(neverSynced);
    }
  }

  /**
   * Adds a result check to the run's report, e.g. a comparison with a sequential reference: {@code
   * tb.check("C matches a sequential EJML product", error < 1e-9)}.
   */
  public void check(String what, boolean passed) {
    checkOpen();
    session.check(what, passed);
  }

  /** The run directory of this session (graph, traces, report), or null with --observe=false. */
  public Path runDirectory() {
    return session.runDirectory();
  }

  @Override
  <R> TaskFuture<R> record(java.io.Serializable fn, Object... args) {
    checkOpen();
    return handles.submit(fn, args);
  }

  /** What the session holds ({@code "3 data, 2 values"}): for tests of its memory. */
  String held() {
    return session.held();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this taskbeam session is closed");
    }
    InTask.refuse();
  }
}
