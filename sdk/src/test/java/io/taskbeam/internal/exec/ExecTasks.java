package io.taskbeam.internal.exec;

import static io.taskbeam.Direction.FILE_INOUT;
import static io.taskbeam.Direction.FILE_OUT;
import static io.taskbeam.Direction.INOUT;

import io.taskbeam.FailurePolicy;
import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.TaskFn;
import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/** Tasks for the tests of the worker side and the Beam layer, with their resolved functions. */
public final class ExecTasks {
  public static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

  public static final TaskFunction ADD =
      FunctionResolver.resolve((TaskFn.F2<Integer, Integer, Integer>) ExecTasks::add);
  public static final TaskFunction INCREMENT =
      FunctionResolver.resolve((TaskFn.V1<double[]>) ExecTasks::increment);
  public static final TaskFunction FLAKY =
      FunctionResolver.resolve((TaskFn.V1<double[]>) ExecTasks::flaky);
  public static final TaskFunction IGNORED =
      FunctionResolver.resolve((TaskFn.F1<double[], Integer>) ExecTasks::ignored);
  public static final TaskFunction EXPLODE =
      FunctionResolver.resolve((TaskFn.F1<Integer, Integer>) ExecTasks::explode);

  public static final TaskFunction APPEND_AND_WRITE =
      FunctionResolver.resolve((TaskFn.V2<String, String>) ExecTasks::appendAndWrite);

  private ExecTasks() {}

  /** Appends "+1" to {@code log} in place and writes {@code out}. */
  @Task
  public static void appendAndWrite(@Param(FILE_INOUT) String log, @Param(FILE_OUT) String out)
      throws IOException {
    Files.writeString(Path.of(log), "+1", StandardOpenOption.APPEND);
    Files.writeString(Path.of(out), "written");
  }

  @Task
  public static int add(int a, int b) {
    return a + b;
  }

  @Task
  public static void increment(@Param(INOUT) double[] x) {
    x[0] += 1;
  }

  /** Fails on its first two calls (after changing x), then succeeds. */
  @Task(onFailure = FailurePolicy.RETRY, retries = 2)
  public static void flaky(@Param(INOUT) double[] x) {
    x[0] += 1;
    if (FLAKY_CALLS.incrementAndGet() < 3) {
      throw new IllegalStateException("flaky");
    }
  }

  @Task(onFailure = FailurePolicy.IGNORE)
  public static Integer ignored(@Param(INOUT) double[] x) {
    x[0] = -1;
    throw new ArithmeticException("nothing to return");
  }

  @Task
  public static int explode(int x) {
    throw new ArithmeticException("cannot handle " + x);
  }
}
