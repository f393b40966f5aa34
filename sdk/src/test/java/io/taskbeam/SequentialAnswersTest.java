package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program written as a sequential one gets the sequential answer, or one line saying what is
 * wrong and where: values changed between submissions, files restored between attempts, ignored
 * primitive results, values that cannot be serialized.
 */
class SequentialAnswersTest {
  @TempDir Path dir;
  private TaskBeam tb;

  @BeforeEach
  void start() {
    tb =
        TaskBeam.start(
            "--runner=InMemoryRunner",
            "--parallelism=2",
            "--workDir=" + dir.resolve("work"),
            "--observe=false");
  }

  @AfterEach
  void stop() {
    if (tb.pendingTasks() > 0) {
      tb.barrier();
    }
    tb.close();
  }

  @Test
  void oneDatumPassedToTwoParametersOfACallThatWritesItIsOneObject() {
    // until 2026-12-07 each parameter got its own copy: 10 (a lost update) and {2, 2, 2}
    TaskFuture<int[]> b = tb.put(new int[] {0});
    tb.submit(ModelTasks::bumpBoth, b, b);
    assertThat(tb.waitOn(b)[0], is(11));
    TaskFuture<int[]> c = tb.put(new int[] {1, 1, 1});
    ModelTasks.FLAKY_ALIAS_CALLS.set(0);
    tb.submit(ModelTasks::addFirst, c, c); // fails once: the retry starts from {1, 1, 1} again
    assertThat(tb.waitOn(c), equalTo(new int[] {2, 3, 3}));
    assertThat(ModelTasks.FLAKY_ALIAS_CALLS.get(), is(2));
  }

  @Test
  void aReaderOfWhatAnEarlyCommutativeMemberWroteRunsAfterTheGroup() {
    // until 2026-12-07 the reader's depth was computed before the group's (ordered by its last
    // member, which waits for another task), so both had depth 1 and the in-memory runner ran
    // the reader first: NullPointerException reading the value the group had not written yet
    TaskFuture<long[]> a = tb.put(new long[] {9});
    TaskFuture<long[]> b = tb.put(new long[] {1});
    TaskFuture<long[]> c = tb.put(new long[] {6});
    tb.submit(ModelTasks::countAndTriple, c, b); // c 7, b 3
    tb.submit(ModelTasks::tripleAndAdd, b, 13L); // b 22: reads the group's first member's write
    tb.submit(ModelTasks::tripleAndAdd, a, 13L); // a 40
    tb.submit(ModelTasks::countAndTriple, c, a); // c 8, a 120: the group waits for a 40
    assertThat(
        tb.waitOn(List.of(a, b, c)), contains(new long[] {120}, new long[] {22}, new long[] {8}));
  }

  @Test
  void anOutParameterAfterACancelledWriterGetsAFreshValue() {
    // until 2026-12-07 the submit threw TaskCancelledException: OUT does not read the lost value
    TaskFuture<StringBuilder> out = tb.put(new StringBuilder("old"));
    TaskGroup g;
    try (TaskGroup group = tb.group("w")) {
      g = group;
      tb.submit(TestTasks::fill, 1.5, out);
    }
    tb.cancel(g);
    tb.submit(TestTasks::fill, 2.5, out);
    assertThat(tb.waitOn(out).toString(), equalTo("2.5"));
  }

  @Test
  void aDeepGraphOfSharedResultsRunsInJobsOfFewStagePaths() {
    // each result read by the next two: stage paths double per level (Flink's optimizer walks
    // every one of them, about 10^12 here, and the job never started)
    List<TaskFuture<Integer>> fib = new java.util.ArrayList<>();
    fib.add(tb.submit(TestTasks::add, 0, 0));
    fib.add(tb.submit(TestTasks::add, 0, 1));
    int[] expected = {0, 1};
    for (int i = 2; i <= 60; i++) {
      fib.add(tb.submit(TestTasks::add, fib.get(i - 1), fib.get(i - 2)));
      expected = new int[] {expected[1], expected[0] + expected[1]};
    }
    assertThat(tb.waitOn(fib.get(60)), is(expected[1]));
    int jobs = tb.reports().size();
    assertThat(jobs > 1, is(true));
    // a wide graph stays one job: 2,048 tasks, then a tree of sums over them
    List<TaskFuture<Integer>> level = new java.util.ArrayList<>();
    for (int i = 0; i < 2048; i++) {
      level.add(tb.submit(TestTasks::add, i, 1));
    }
    while (level.size() > 1) {
      List<TaskFuture<Integer>> next = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(tb.submit(TestTasks::add, level.get(i), level.get(i + 1)));
      }
      level = next;
    }
    assertThat(tb.waitOn(level.get(0)), is(2048 * 2049 / 2));
    assertThat(tb.reports().size(), is(jobs + 1));
  }

  @Test
  void aValueChangedBetweenTwoSubmissionsIsCapturedAgain() {
    int[] x = {1, 2};
    TaskFuture<Integer> before = tb.submit(ModelTasks::sum, x);
    x[0] = 100;
    TaskFuture<Integer> after = tb.submit(ModelTasks::sum, x);
    TaskFuture<Integer> again = tb.submit(ModelTasks::sum, x);
    assertThat(tb.waitOn(List.of(before, after, again)), equalTo(List.of(3, 102, 102)));
  }

  @Test
  void aLargeValueChangedBetweenTwoSubmissionsIsCapturedAgain() {
    long[] big = new long[5000]; // 40 KB: beyond the inline limit, written to the work dir
    TaskFuture<Integer> before = tb.submit(ModelTasks::last, big);
    big[big.length - 1] = 5;
    TaskFuture<Integer> after = tb.submit(ModelTasks::last, big);
    assertThat(tb.waitOn(List.of(before, after)), equalTo(List.of(0, 5)));
  }

  @Test
  void retryRestoresAFileInoutFileBetweenAttempts() throws Exception {
    Path counter = dir.resolve("counter.txt");
    Files.writeString(counter, "0");
    ModelTasks.FLAKY_FILE_CALLS.set(0);
    tb.submit(ModelTasks::flakyFileIncrement, counter.toString());
    tb.barrier();
    assertThat(ModelTasks.FLAKY_FILE_CALLS.get(), is(2));
    assertThat(Files.readString(counter), equalTo("1"));
  }

  @Test
  void aFileOutFileThatDidNotExistIsGoneAgainBeforeARetryAndAfterAnIgnore() throws Exception {
    // until 2026-12-07 only files that existed were restored: the retry appended to the failed
    // attempt's line, and the ignored task's garbage stayed
    Path created = dir.resolve("created.txt");
    ModelTasks.FLAKY_FILE_CALLS.set(0);
    tb.submit(ModelTasks::flakyNewFile, created.toString());
    Path spoilt = dir.resolve("spoilt.txt");
    tb.submit(ModelTasks::spoilNewFile, spoilt.toString());
    tb.barrier();
    assertThat(Files.readString(created), equalTo("line\n"));
    assertThat(Files.exists(spoilt), is(false));
  }

  @Test
  void aFileOutWriterAfterAWriterThatFailedCancellingItsSuccessorsWritesAfresh() throws Exception {
    // until 2026-12-08 the FILE_OUT writer was cancelled with the failed one's successors
    Path file = dir.resolve("again.txt");
    tb.submit(FileTasks::writeLines, file.toString(), 1);
    tb.submit(FileTasks::appendHalfAndFail, file.toString());
    TaskFuture<Integer> lost = tb.submit(FileTasks::countLines, file);
    tb.submit(FileTasks::writeLines, file.toString(), 2);
    assertThat(tb.waitOn(tb.submit(FileTasks::countLines, file)), is(2));
    TaskCancelledException e = assertThrows(TaskCancelledException.class, () -> tb.waitOn(lost));
    assertThat(e.taskName(), equalTo("appendHalfAndFail#2"));
  }

  @Test
  void ignoreLeavesAFileInoutFileAsItWas() throws Exception {
    Path file = dir.resolve("kept.txt");
    Files.writeString(file, "42");
    tb.submit(ModelTasks::spoilFile, file.toString());
    tb.barrier();
    assertThat(Files.readString(file), equalTo("42"));
  }

  @Test
  void anIgnoredPrimitiveResultCancelsItsReadersNamingTheIgnoredTask() {
    TaskFuture<Integer> count = tb.submit(ModelTasks::ignoredCount, 7);
    TaskFuture<Integer> next = tb.submit(ModelTasks::plusOne, count);
    TaskCancelledException e = assertThrows(TaskCancelledException.class, () -> tb.waitOn(next));
    assertThat(e.taskName(), equalTo("ignoredCount#1"));
    assertThat(
        e.getMessage(),
        containsString("was ignored (onFailure = IGNORE), so its int " + "result does not exist"));
    assertThat(e.getMessage(), containsString("cannot count 7"));
    // the program's words, not an internal id ("value d2v1 was not computed" until 2026-12-08)
    assertThat(
        e.getMessage(),
        startsWith("the value waited on was not computed because task ignoredCount#1"));
    TaskFuture<Integer> kept = tb.submit(ModelTasks::plusOne, 1);
    TaskCancelledException inList =
        assertThrows(TaskCancelledException.class, () -> tb.waitOn(List.of(kept, next)));
    assertThat(
        inList.getMessage(),
        startsWith("value 2 of the 2 waited on was not computed because task ignoredCount#1"));
  }

  @Test
  void anIgnoredBoxedResultIsNull() {
    assertThat(tb.waitOn(tb.submit(ModelTasks::ignoredBoxed, 7)), is(nullValue()));
  }

  @Test
  void aSerializableRecordWithAnOpaqueFieldIsReportedByField() {
    ModelTasks.Holder h = new ModelTasks.Holder("x", new ModelTasks.Opaque(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tb.submit(ModelTasks::labelLength, h));
    assertThat(
        e.getMessage(),
        equalTo(
            "argument h of task ModelTasks.labelLength (a "
                + "io.taskbeam.ModelTasks$Holder) cannot be serialized: Holder.opaque holds a "
                + "io.taskbeam.ModelTasks$Opaque, which is not java.io.Serializable: make that type "
                + "implement java.io.Serializable, mark the field transient, or register a ValueCodec "
                + "for it"));
  }

  @Test
  void aFutureInsideAValueIsRefusedNamingCollect() {
    // until 2026-12-07: 'make that type implement java.io.Serializable' about TaskFuture
    TaskFuture<Integer> f = tb.submit(ModelTasks::plusOne, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tb.submit(ModelTasks::listSize, List.<Object>of(f)));
    assertThat(
        e.getMessage(),
        equalTo(
            "argument items of task ModelTasks.listSize holds a TaskFuture at List[0]: a future"
                + " inside a value is not replaced by its value; pass futures for a List parameter"
                + " as tb.collect(futures), or each future as an argument of its own"));
    e = assertThrows(IllegalArgumentException.class, () -> tb.put(f));
    assertThat(
        e.getMessage(),
        equalTo(
            "put got a TaskFuture, which is already a datum of the session: pass the future to"
                + " tasks as it is, or waitOn(...) it for its value"));
    assertThat(tb.waitOn(tb.submit(ModelTasks::listSize, tb.collect(List.of(f)))), is(1));
  }

  @Test
  void aTaskCallingItsSessionFailsNamingTheTask() {
    // until 2026-12-07 this hung for ever on the DirectRunner (TaskBeamDirectTest has that case)
    // and ran the inner task here, on the in-memory runner only
    ModelTasks.session = tb;
    TaskFuture<Integer> nested = tb.submit(ModelTasks::nestedPlusOne, 1);
    TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(nested));
    assertThat(
        e.getMessage(),
        containsString(
            "task nestedPlusOne#1 called its taskbeam session: a task cannot submit, wait on, put"
                + " or delete data (tasks inside tasks are not supported)"));
  }

  @Test
  void anOpaqueElementOfAnImmutableListIsReportedByElement() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tb.submit(ModelTasks::listSize, List.of("a", new ModelTasks.Opaque(1))));
    assertThat(e.getMessage(), containsString("List[1] holds a io.taskbeam.ModelTasks$Opaque"));
    assertThat(e.getMessage(), containsString("(a List)"));
    assertThat(e.getMessage(), not(containsString("ImmutableCollections")));
  }

  @Test
  void aTaskReturningAnOpaqueValueFailsByName() {
    TaskFuture<Object> o = tb.submit(ModelTasks::makeOpaque, 3);
    TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(o));
    assertThat(e.taskName(), equalTo("makeOpaque#1"));
    assertThat(
        e.getMessage(),
        equalTo(
            "task makeOpaque#1 (ModelTasks.makeOpaque) returned a "
                + "value that cannot be sent on: it is a io.taskbeam.ModelTasks$Opaque, which is not "
                + "java.io.Serializable; make that type implement java.io.Serializable or register a "
                + "ValueCodec for it"));
  }

  @Test
  void aPendingCollectIsNamedAsTheCallTheProgramMade() {
    TaskBeam other =
        TaskBeam.start(
            "--runner=DirectRunner", "--observe=false", "--workDir=" + dir.resolve("other"));
    TaskFuture<List<Integer>> all = other.collect(List.of(other.submit(ModelTasks::plusOne, 1)));
    other.barrier();
    other.collect(List.of(all));
    IllegalStateException e = assertThrows(IllegalStateException.class, other::close);
    assertThat(e.getMessage(), containsString("(first: collect#"));
    assertThat(e.getMessage(), not(containsString("place")));
  }
}
