package io.taskbeam;

import static io.taskbeam.GenericAndOverloadedTest.compile;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound form {@code tb.task(fn).submit(args...)}: the same recording as {@code tb.submit(fn,
 * args...)}, and a wrong argument type is a short javac error naming the mismatch where the plain
 * form lists every generic overload.
 */
class BoundTaskTest {
  @TempDir Path dir;

  /** A task of two doubles given a future of a String: the mistake both forms are compiled with. */
  private static final String WRONG_FUTURE =
      """
      package probe;
      import io.taskbeam.*;
      class Probe {
        @Task static double scale(double x, double f) { return x * f; }
        static void run(TaskBeam tb, TaskFuture<String> s) {
          TaskFuture<Double> d = CALL;
        }
      }
      """;

  @Test
  void aWrongFutureTypeIsAShortErrorNamingTheMismatch() throws Exception {
    String out = compile(dir, WRONG_FUTURE.replace("CALL", "tb.task(Probe::scale).submit(s, 2.0)"));
    assertThat(
        out,
        containsString("TaskFuture<String> cannot be converted to TaskFuture<? extends Double>"));
    assertThat(out, out.lines().count(), lessThan(15L));
  }

  /** Why the bound form exists: the plain form's generic overloads are all listed. */
  @Test
  void thePlainFormListsPagesOfCandidatesForTheSameMistake() throws Exception {
    String out = compile(dir, WRONG_FUTURE.replace("CALL", "tb.submit(Probe::scale, s, 2.0)"));
    assertThat(out, containsString("no suitable method found for submit"));
    assertThat(out.lines().count(), greaterThan(100L));
  }

  /** A bare reference to an overloaded method is ambiguous, as with submit: a typed variable. */
  @Test
  void aBareOverloadedReferenceIsAShortAmbiguityError() throws Exception {
    String out =
        compile(
            dir,
            """
            package probe;
            import io.taskbeam.*;
            class Probe {
              @Task static int twice(int x) { return 2 * x; }
              @Task static int twice(int x, int y) { return 2 * x + y; }
              static void run(TaskBeam tb) {
                TaskFuture<Integer> d = tb.task(Probe::twice).submit(1);
              }
            }
            """);
    assertThat(out, containsString("reference to task is ambiguous"));
    assertThat(out, out.lines().count(), lessThan(30L));
  }

  @Test
  void theBoundFormRecordsWhatSubmitRecords() {
    Run plain = run(dir.resolve("plain"), false);
    Run bound = run(dir.resolve("bound"), true);
    // independent: 1, 1 + 2, 1 + 3, 1 + 11 + 3 + 100; x = 5 + 1 + 1 (read here) + 1 (RETRY
    // restores it between attempts); 2.5 + 0.5; the generic and overloaded tasks on lists
    List<Object> expected =
        List.of(1, 3, 4, 115, 7.0, 8.0, 3.0, 3, List.of("a", "b"), 2, 12, List.of("x", "y"));
    assertThat(plain.results, equalTo(expected));
    assertThat(bound.results, equalTo(expected));
    // the same graph: task names, directions (INOUT and COMMUTATIVE edges) and stages
    assertThat(bound.plan, equalTo(plain.plan));
    assertThat(bound.plan, containsString("flakyIncrement"));
    assertThat(bound.flakyCalls, is(3));
  }

  @Test
  void aFailingBoundTaskNamesItselfAsSubmitDoes() {
    try (TaskBeam tb = start(dir)) {
      TaskFuture<Integer> bad = tb.task(TestTasks::explode).submit(7);
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(bad));
      assertThat(
          e.getMessage(),
          equalTo(
              "task explode#1 (TestTasks.explode) failed: "
                  + "java.lang.ArithmeticException: cannot handle 7"));
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void aTaskAboveTheLimitIsRefusedInOneLineAtBinding() {
    try (TaskBeam tb = start(dir)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> tb.task(ArityTasks::seven).submit(1, 2, 3, 4, 5, 6, 7));
      assertThat(
          e.getMessage(),
          equalTo(
              "task ArityTasks.seven has 7 parameters; submit takes at most 6: pass some of them "
                  + "together as one record"));
      assertThat(tb.pendingTasks(), is(0));
    }
  }

  @Test
  void aBoundTaskOfAClosedSessionRefusesToSubmit() {
    BoundTask.F2<Integer, Integer, Integer> add;
    try (TaskBeam tb = start(dir)) {
      add = tb.task(TestTasks::add);
      assertThat(tb.waitOn(add.submit(2, 3)), is(5));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> add.submit(1, 1));
    assertThat(e.getMessage(), equalTo("this taskbeam session is closed"));
  }

  /** {@code TaskFuture<? extends A>}: a future of a subtype of the parameter's type is taken. */
  @Test
  void aFutureOfASubtypeOfTheParameterIsTaken() {
    try (TaskBeam tb = start(dir)) {
      TaskFn.F1<List<String>, Integer> size = GenericTasks::size;
      TaskFuture<ArrayList<String>> words = tb.put(new ArrayList<>(List.of("a", "b", "c")));
      assertThat(tb.waitOn(tb.task(size).submit(words)), is(3));
    }
  }

  private record Run(List<Object> results, String plan, int flakyCalls) {}

  /**
   * One program, submitted with the plain or the bound form. The variables' types check at compile
   * time that each exact method reference binds to its own arity, and a method returning a value to
   * the F form (a future result), a void one to the V form.
   */
  private static Run run(Path work, boolean bound) {
    TestTasks.FLAKY_CALLS.set(0);
    try (TaskBeam tb = start(work)) {
      TaskFuture<Integer> one;
      TaskFuture<Integer> three;
      TaskFuture<Integer> four;
      TaskFuture<Integer> mixed;
      TaskFuture<double[]> x = tb.put(new double[] {5});
      TaskFuture<double[]> acc = tb.put(new double[1]);
      TaskFuture<Double> read;
      // generic and overloaded methods through a variable of their shape, as with submit
      TaskFn.F1<List<String>, List<String>> firstTwo = GenericTasks::firstTwo;
      TaskFn.F1<List<String>, Integer> size = GenericTasks::size;
      TaskFn.F2<List<String>, Integer, Integer> sizePlus = GenericTasks::size;
      TaskFn.V2<ArrayList<String>, String> append = GenericTasks::append;
      TaskFuture<List<String>> words = tb.put(List.of("a", "b", "c"));
      TaskFuture<ArrayList<String>> xs = tb.put(new ArrayList<>(List.of("x")));
      TaskFuture<Integer> wordCount;
      TaskFuture<List<String>> two;
      TaskFuture<Integer> twoCount;
      TaskFuture<Integer> twoPlus;
      if (bound) {
        BoundTask.F0<Integer> oneTask = tb.task(TestTasks::one);
        BoundTask.F2<Integer, Integer, Integer> add = tb.task(TestTasks::add);
        BoundTask.F4<Integer, Integer, Integer, Integer, Integer> sum4 = tb.task(TestTasks::sum4);
        BoundTask.V1<double[]> increment = tb.task(TestTasks::increment);
        one = oneTask.submit();
        three = add.submit(1, 2);
        four = add.submit(one, three);
        mixed = sum4.submit(one, 11, three, 100);
        increment.submit(x);
        increment.submit(x);
        read = tb.task(TestTasks::first).submit(x);
        tb.task(TestTasks::flakyIncrement).submit(x);
        BoundTask.V2<Double, double[]> addInto = tb.task(TestTasks::addInto);
        addInto.submit(2.5, acc);
        addInto.submit(0.5, acc);
        wordCount = tb.task(size).submit(words);
        two = tb.task(firstTwo).submit(words);
        twoCount = tb.task(size).submit(two);
        twoPlus = tb.task(sizePlus).submit(two, 10);
        tb.task(append).submit(xs, "y");
      } else {
        one = tb.submit(TestTasks::one);
        three = tb.submit(TestTasks::add, 1, 2);
        four = tb.submit(TestTasks::add, one, three);
        mixed = tb.submit(TestTasks::sum4, one, 11, three, 100);
        tb.submit(TestTasks::increment, x);
        tb.submit(TestTasks::increment, x);
        read = tb.submit(TestTasks::first, x);
        tb.submit(TestTasks::flakyIncrement, x);
        tb.submit(TestTasks::addInto, 2.5, acc);
        tb.submit(TestTasks::addInto, 0.5, acc);
        wordCount = tb.submit(size, words);
        two = tb.submit(firstTwo, words);
        twoCount = tb.submit(size, two);
        twoPlus = tb.submit(sizePlus, two, 10);
        tb.submit(append, xs, "y");
      }
      String plan = tb.explain();
      assertThat(plan, not(equalTo("")));
      List<Object> results = new ArrayList<>(tb.waitOn(List.of(one, three, four, mixed)));
      results.add(tb.waitOn(read));
      results.add(tb.waitOn(x)[0]);
      results.add(tb.waitOn(acc)[0]);
      results.add(tb.waitOn(wordCount));
      results.add(tb.waitOn(two));
      results.add(tb.waitOn(twoCount));
      results.add(tb.waitOn(twoPlus));
      results.add(tb.waitOn(xs));
      return new Run(results, plan, TestTasks.FLAKY_CALLS.get());
    }
  }

  private static TaskBeam start(Path work) {
    return TaskBeam.start(
        "--runner=DirectRunner",
        "--parallelism=2",
        "--workDir=" + work.resolve("work"),
        "--observe=false");
  }
}
