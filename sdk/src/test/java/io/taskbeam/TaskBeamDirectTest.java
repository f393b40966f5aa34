package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task model end to end on the DirectRunner: values, versions, failures, misuse. */
class TaskBeamDirectTest {
  @TempDir Path work;
  private TaskBeam tb;

  @BeforeEach
  void start() {
    tb = TaskBeam.start("--runner=DirectRunner", "--parallelism=2", "--workDir=" + work);
  }

  @AfterEach
  void stop() {
    if (tb.pendingTasks() > 0) {
      tb.barrier();
    }
    tb.close();
  }

  @Test
  void aTaskCallingItsSessionFailsInsteadOfHanging() {
    // until 2026-12-07 the task waited for the session its own sync point held: a hang
    ModelTasks.session = tb;
    TaskFuture<Integer> nested = tb.submit(ModelTasks::nestedPlusOne, 1);
    TaskFailedException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> assertThrows(TaskFailedException.class, () -> tb.waitOn(nested)));
    assertThat(e.getMessage(), containsString("task nestedPlusOne#1 called its taskbeam session"));
    assertThat(tb.waitOn(tb.submit(TestTasks::add, 1, 2)), is(3));
  }

  @Test
  void aTaskAskingItsSessionFailsInsteadOfHanging() {
    // pendingTasks, reports and explain lock the session the program's sync point holds
    ModelTasks.session = tb;
    for (int which = 0; which < 3; which++) {
      TaskFuture<Integer> asking = tb.submit(ModelTasks::askingItsSession, which);
      TaskFailedException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> assertThrows(TaskFailedException.class, () -> tb.waitOn(asking)));
      assertThat(e.getMessage(), containsString("called its taskbeam session"));
    }
  }

  @Test
  void futuresFlowBetweenTasksAcrossStagesAndSyncPoints() {
    TaskFuture<Integer> one = tb.submit(TestTasks::one);
    TaskFuture<Integer> two = tb.submit(TestTasks::add, one, one);
    TaskFuture<Integer> four = tb.submit(TestTasks::add, two, two);
    assertThat(tb.waitOn(four), is(4));
    // sync 2 reads a result stored by sync 1, plus a fan-in of four inputs
    TaskFuture<Integer> sum = tb.submit(TestTasks::sum4, four, two, one, 10);
    assertThat(tb.waitOn(sum), is(17));
    assertThat(tb.reports().size(), is(2));
    // one, then the two adds fused as a chain (each the only reader of the one before)
    assertThat(tb.reports().get(0).stages(), is(2));
  }

  @Test
  void manyTasksFanIn() {
    List<TaskFuture<Integer>> level = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      level.add(tb.submit(TestTasks::add, i, 1));
    }
    while (level.size() > 1) {
      List<TaskFuture<Integer>> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(tb.submit(TestTasks::add, level.get(i), level.get(i + 1)));
      }
      level = next;
    }
    // sum of (i + 1) for i in 0..63
    assertThat(tb.waitOn(level.get(0)), is(64 * 65 / 2));
    assertThat(tb.reports().get(0).stages(), is(7));
  }

  @Test
  void readersKeepTheVersionTheyWereGivenWhileAWriterUpdatesTheDatum() {
    TaskFuture<double[]> x = tb.put(new double[] {5});
    TaskFuture<Double> before = tb.submit(TestTasks::first, x);
    tb.submit(TestTasks::increment, x);
    tb.submit(TestTasks::increment, x);
    TaskFuture<Double> after = tb.submit(TestTasks::first, x);
    assertThat(tb.waitOn(before), is(5.0));
    assertThat(tb.waitOn(after), is(7.0));
    assertThat(tb.waitOn(x)[0], is(7.0));
  }

  @Test
  void commutativeUpdatesAllApply() {
    TaskFuture<double[]> acc = tb.put(new double[] {0});
    for (int i = 1; i <= 10; i++) {
      tb.submit(TestTasks::addInto, (double) i, acc);
    }
    assertThat(tb.waitOn(acc)[0], is(55.0));
    // a second round continues from the stored value
    tb.submit(TestTasks::addInto, 1.0, acc);
    assertThat(tb.waitOn(acc)[0], is(56.0));
  }

  @Test
  void outParameterGetsAFreshInstance() {
    TaskFuture<StringBuilder> out = tb.put(new StringBuilder("old"));
    tb.submit(TestTasks::fill, 2.5, out);
    assertThat(tb.waitOn(out).toString(), equalTo("2.5"));
  }

  @Test
  void aFailingTaskNamesItselfAndItsCause() {
    TaskFuture<Integer> bad = tb.submit(TestTasks::explode, 7);
    TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(bad));
    assertThat(e.taskName(), equalTo("explode#1"));
    assertThat(
        e.getMessage(),
        equalTo(
            "task explode#1 (TestTasks.explode) failed: "
                + "java.lang.ArithmeticException: cannot handle 7"));
    TaskCancelledException lost = assertThrows(TaskCancelledException.class, () -> tb.waitOn(bad));
    assertThat(lost.getMessage(), containsString("sync point 1 failed"));
    assertThat(lost.taskName(), equalTo("explode#1"));
  }

  @Test
  void retryRestoresInPlaceArgumentsBetweenAttempts() {
    TestTasks.FLAKY_CALLS.set(0);
    TaskFuture<double[]> x = tb.put(new double[] {1});
    tb.submit(TestTasks::flakyIncrement, x);
    assertThat(tb.waitOn(x)[0], is(2.0));
    assertThat(TestTasks.FLAKY_CALLS.get(), is(3));
  }

  @Test
  void ignoreGivesNullAndKeepsInPlaceArguments() {
    TaskFuture<double[]> x = tb.put(new double[] {3});
    TaskFuture<Integer> r = tb.submit(TestTasks::ignoredFailure, x);
    assertThat(tb.waitOn(r), is(nullValue()));
    assertThat(tb.waitOn(x)[0], is(3.0));
  }

  @Test
  void cancelSuccessorsCancelsDependentsOnly() {
    TaskFuture<Integer> bad = tb.submit(TestTasks::cancelling, 1);
    TaskFuture<Integer> dependent = tb.submit(TestTasks::add, bad, 1);
    TaskFuture<Integer> independent = tb.submit(TestTasks::add, 2, 3);
    TaskCancelledException e =
        assertThrows(TaskCancelledException.class, () -> tb.waitOn(dependent));
    assertThat(e.taskName(), equalTo("cancelling#1"));
    assertThat(e.getMessage(), containsString("bad input 1"));
    assertThat(tb.waitOn(independent), is(5));
  }

  @Test
  void aTaskOverItsTimeoutFails() {
    TaskFuture<Integer> slow = tb.submit(TestTasks::slow, 1);
    TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(slow));
    assertThat(e.getMessage(), containsString("timed out after 200 ms"));
  }

  @Test
  void unserializableArgumentIsRejectedAtSubmit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> tb.submit(TestTasks::takesObject, new Object()));
    assertThat(
        e.getMessage(),
        equalTo(
            "argument o of task TestTasks.takesObject has type "
                + "java.lang.Object, which cannot be serialized: make it implement java.io.Serializable"));
    assertThat(tb.pendingTasks(), is(0));
  }

  @Test
  void misusedTasksAreRejectedWithTheFix() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> tb.submit(TestTasks::notATask, 1))
            .getMessage(),
        equalTo("method TestTasks.notATask is not a task: annotate it with @Task"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> tb.submit((Integer x) -> x + 1, 1))
            .getMessage(),
        containsString("not a lambda expression"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> tb.submit(TestTasks::retryWithoutCount, 1))
            .getMessage(),
        equalTo(
            "task TestTasks.retryWithoutCount has onFailure = RETRY with retries = 0; set retries "
                + "to a positive count"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> tb.submit(TestTasks::takesThread, Thread.currentThread()))
            .getMessage(),
        containsString("parameter t of task TestTasks.takesThread has type java.lang.Thread"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> tb.submit(TestTasks::increment, new double[] {1}))
            .getMessage(),
        equalTo(
            "parameter x of task TestTasks.increment is INOUT: pass a TaskFuture from put(value) so "
                + "the update can be read back"));
  }

  @Test
  void closingWithUnsyncedTasksFailsLoudly() {
    TaskBeam other = TaskBeam.start("--runner=DirectRunner", "--workDir=" + work);
    other.submit(TestTasks::add, 1, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, other::close);
    assertThat(
        e.getMessage(),
        equalTo(
            "1 task(s) were submitted but never synced (first: "
                + "add#1): call waitOn(...) or barrier() before the session ends"));
  }

  @Test
  void closeDeletesTheSessionFilesButTheJournaledResults() throws Exception {
    TaskFuture<Integer> r = tb.submit(TestTasks::add, 1, 2);
    tb.put(new double[10_000]); // a captured value: a file of its own, gone at close
    tb.waitOn(r);
    try (var files = Files.list(work)) {
      assertThat(files.count(), is(1L));
    }
    tb.close();
    try (var files = Files.walk(work)) {
      assertThat(
          "the bundle holding add's result stays for --resume",
          files
              .filter(Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .count(),
          is(1L));
    }
  }

  @Test
  void closeDeletesTheSessionFilesWithoutCheckpoints() throws Exception {
    Path own = work.resolve("off");
    try (TaskBeam off =
        TaskBeam.start("--runner=DirectRunner", "--workDir=" + own, "--checkpoint=off")) {
      off.waitOn(off.submit(TestTasks::add, 1, 2));
    }
    try (var files = Files.list(own)) {
      assertThat(files.count(), is(0L));
    }
  }
}
