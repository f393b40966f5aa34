package io.taskbeam.bench;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK's cost per task, for N tiny tasks on the DirectRunner with 2 workers, split into its
 * parts: {@code graphBuild} (N submits), {@code compile} (graph to plan, nothing run), and {@code
 * endToEnd} (submit, compile, run, read the N results back). Milliseconds per N tasks.
 *
 * <pre>benchmarks/jmh TaskOverheadBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class TaskOverheadBenchmark {
  @Param({"1000", "10000"})
  public int tasks;

  private Path work;
  private TaskBeam tb;

  @Setup(Level.Trial)
  public void workDir() throws Exception {
    work = Files.createTempDirectory("taskbeam-jmh");
  }

  @Setup(Level.Invocation)
  public void open() {
    tb = TaskBeam.start("--runner=DirectRunner", "--parallelism=2", "--workDir=" + work);
  }

  /** Syncs what a benchmark left pending (so close() accepts it) and ends the session. */
  @TearDown(Level.Invocation)
  public void close() {
    if (tb.pendingTasks() > 0) {
      tb.barrier();
    }
    tb.close();
  }

  @Benchmark
  public int graphBuild() {
    submitAll();
    return tb.pendingTasks();
  }

  @Benchmark
  public String compile(CompileState state) {
    return state.session.explain();
  }

  @Benchmark
  public int endToEnd() {
    return tb.waitOn(submitAll()).size();
  }

  private List<TaskFuture<Integer>> submitAll() {
    List<TaskFuture<Integer>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      futures.add(tb.submit(TinyTasks::next, i));
    }
    return futures;
  }

  /** A session with the N tasks already submitted, so the benchmark times only the compiler. */
  @State(Scope.Thread)
  public static class CompileState {
    TaskBeam session;

    @Setup(Level.Invocation)
    public void submit(TaskOverheadBenchmark outer) {
      session =
          TaskBeam.start("--runner=DirectRunner", "--parallelism=2", "--workDir=" + outer.work);
      for (int i = 0; i < outer.tasks; i++) {
        session.submit(TinyTasks::next, i);
      }
    }

    @TearDown(Level.Invocation)
    public void run() {
      session.barrier();
      session.close();
    }
  }
}
