package io.taskbeam.internal.exec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.observe.TaskOutcome;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import org.junit.jupiter.api.Test;

/** One call on a worker: its failure policies, with in-place arguments restored as promised. */
class TaskInvokerTest {
  private static final ClassLoader LOADER = TaskInvokerTest.class.getClassLoader();

  private static CallSpec call(String name, TaskFunction fn, int arity) {
    ArgSource[] args = new ArgSource[arity];
    for (int i = 0; i < arity; i++) {
      args[i] = new ArgSource(ArgSource.Kind.LOCAL, "d" + (i + 1) + "v1", null, null, false, null);
    }
    return new CallSpec(name, fn, args, new String[arity], fn.returnsValue() ? "r" : null);
  }

  /** An exception a task throws, holding something that cannot be serialized. */
  static final class Unsendable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Object[] payload = {new Object()};

    Unsendable(String message) {
      super(message);
    }
  }

  @Test
  void aFailureTravelsEvenWhenTheTasksExceptionCannotBeSerialized() throws Exception {
    // on Flink the whole TaskFailedException was lost to a NotSerializableException: the program
    // got "the pipeline failed" (an IllegalStateException) with no task named
    IllegalStateException fine = new IllegalStateException("fine");
    assertThat(TaskInvoker.sendable(fine), is(fine));
    Throwable standIn = TaskInvoker.sendable(new Unsendable("bad 2"));
    assertThat(
        standIn.getMessage(), startsWith(Unsendable.class.getName() + ": bad 2 (not serial"));
    TaskFailedException failed = new TaskFailedException("t#1", "task t#1 failed", standIn);
    try (java.io.ObjectOutputStream out =
        new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
      out.writeObject(failed); // throws if it cannot travel
    }
  }

  @Test
  void aCallReturnsItsResult() {
    TaskInvoker.Outcome out =
        TaskInvoker.invoke(call("add#1", ExecTasks.ADD, 2), new Object[] {2, 3}, LOADER);
    assertThat(out.result(), equalTo(5));
    assertThat(out.outcome(), is(TaskOutcome.OK));
    assertThat(out.attempts(), is(1));
  }

  @Test
  void retriesStartEachAttemptFromTheOriginalArguments() {
    ExecTasks.FLAKY_CALLS.set(0);
    double[] x = {10};
    TaskInvoker.Outcome out =
        TaskInvoker.invoke(call("flaky#1", ExecTasks.FLAKY, 1), new Object[] {x}, LOADER);
    assertThat(out.outcome(), is(TaskOutcome.OK));
    assertThat(out.attempts(), is(3));
    assertThat(((double[]) out.args()[0])[0], is(11.0));
  }

  @Test
  void anIgnoredFailureReturnsNullAndLeavesArgumentsUnchanged() {
    double[] x = {5};
    TaskInvoker.Outcome out =
        TaskInvoker.invoke(call("ignored#2", ExecTasks.IGNORED, 1), new Object[] {x}, LOADER);
    assertThat(out.outcome(), is(TaskOutcome.IGNORED));
    assertThat(out.result(), is(nullValue()));
    assertThat(((double[]) out.args()[0])[0], is(5.0));
  }

  @Test
  void aFailureNamesTheTaskAndItsCause() {
    TaskFailedException e =
        assertThrows(
            TaskFailedException.class,
            () ->
                TaskInvoker.invoke(
                    call("explode#3", ExecTasks.EXPLODE, 1), new Object[] {7}, LOADER));
    assertThat(e.taskName(), equalTo("explode#3"));
    assertThat(
        e.getMessage(),
        equalTo(
            "task explode#3 (ExecTasks.explode) failed: "
                + "java.lang.ArithmeticException: cannot handle 7"));
  }

  @Test
  void aCancelledInputCancelsTheCallWithoutRunningIt() {
    TaskInvoker.Outcome out =
        TaskInvoker.invoke(
            call("add#4", ExecTasks.ADD, 2),
            new Object[] {new FailedValue("explode#3", "it failed"), 1},
            LOADER);
    assertThat(out.outcome(), is(TaskOutcome.CANCELLED));
    assertThat(out.attempts(), is(0));
    assertThat(out.result(), instanceOf(FailedValue.class));
  }
}
