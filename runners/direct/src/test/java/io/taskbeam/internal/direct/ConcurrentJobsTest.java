package io.taskbeam.internal.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several jobs in flight on the DirectRunner ({@code --pipelined}, {@code --jobsInFlight}): a job
 * that reads nothing a running job computes runs beside it, one that does waits for it, files
 * change in the order the program wrote them, and an earlier job's failure loses what later jobs
 * computed even when they finished first. A gate ({@link JobGates}) holds the first job, so the
 * overlap does not depend on the machine's speed.
 */
class ConcurrentJobsTest {
  @TempDir Path dir;

  @BeforeEach
  void gate() {
    JobGates.reset();
  }

  private TaskBeam session(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--parallelism=2",
                "--observe=false",
                "--pipelined=true",
                "--workDir=" + dir));
    args.addAll(List.of(more));
    return TaskBeam.start(args.toArray(String[]::new));
  }

  private static void awaitStarted() throws InterruptedException {
    assertTrue(
        JobGates.started.await(30, TimeUnit.SECONDS), "the gated task did not start on its own");
  }

  @Test
  void aJobThatReadsNothingRunningRunsBesideIt() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<Integer> held = tb.submit(JobGates::gatedSum, new int[] {5});
      awaitStarted();
      TaskFuture<Integer> beside = tb.submit(JobGates::plus, 1, 2);
      assertThat("answered while the first job is held", tb.waitOn(beside), is(3));
      assertThat(JobGates.release.getCount(), is(1L));
      JobGates.release.countDown();
      assertThat(tb.waitOn(held), is(5));
      assertThat(tb.reports().size(), is(2));
      assertThat("the later job ended first", tb.reports().get(0).sync(), is(2));
    }
  }

  @Test
  void withOneJobInFlightTheSecondWaitsForTheFirst() throws Exception {
    try (TaskBeam tb = session("--jobsInFlight=1")) {
      TaskFuture<Integer> held = tb.submit(JobGates::gatedSum, new int[] {5});
      awaitStarted();
      TaskFuture<Integer> next = tb.submit(JobGates::plus, 1, 2);
      Thread.sleep(300); // what the flusher needs to start the second job, were it allowed to
      assertThat("no job ended while the first is held", tb.reports().size(), is(0));
      JobGates.release.countDown();
      assertThat(tb.waitOn(next), is(3));
      assertThat(tb.waitOn(held), is(5));
      assertThat(tb.reports().get(0).sync(), is(1));
    }
  }

  @Test
  void aJobReadingWhatARunningJobComputesWaitsForIt() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<Integer> held = tb.submit(JobGates::gatedSum, new int[] {5});
      awaitStarted();
      TaskFuture<Integer> reader = tb.submit(JobGates::plus, held, 1);
      Thread.sleep(300);
      assertThat("the reader's job waits for the held one", tb.reports().size(), is(0));
      JobGates.release.countDown();
      assertThat(tb.waitOn(reader), is(6));
      assertThat(tb.reports().get(0).sync(), is(1));
    }
  }

  @Test
  void jobsOnTheSameFileRunInTheOrderTheProgramWrote() throws Exception {
    Path file = dir.resolve("log.txt");
    Files.writeString(file, "");
    try (TaskBeam tb = session()) {
      tb.submit(JobGates::gatedAppend, file.toString(), "a");
      awaitStarted();
      tb.submit(JobGates::append, file.toString(), "b");
      Thread.sleep(300);
      JobGates.release.countDown();
      assertThat(Files.readString(tb.waitOnFile(file.toString())), is("ab"));
    }
  }

  /**
   * A job that failed while a later, independent one had ended: the failure is thrown once, what
   * read the failed task's result is lost, and the later job's result (right whatever failed)
   * stays.
   */
  @Test
  void anEarlierJobsFailureIsThrownOnceAndALaterJobThatEndedKeepsItsResult() throws Exception {
    try (TaskBeam tb = session()) {
      TaskFuture<Integer> bad = tb.submit(JobGates::gatedFail, 7);
      awaitStarted();
      TaskFuture<Integer> later = tb.submit(JobGates::plus, 2, 3);
      assertThat("answered while the failing job is held", tb.waitOn(later), is(5));
      TaskFuture<Integer> reader = tb.submit(JobGates::plus, bad, 1);
      JobGates.release.countDown();
      TaskFailedException failed = assertThrows(TaskFailedException.class, tb::barrier);
      assertThat(failed.getMessage(), containsString("no good: 7"));
      TaskCancelledException lost =
          assertThrows(TaskCancelledException.class, () -> tb.waitOn(reader));
      assertThat(lost.taskName(), containsString("gatedFail#"));
      assertThat(tb.waitOn(later), is(5));
      assertThat(tb.waitOn(tb.submit(JobGates::plus, 2, 2)), is(4));
    }
  }

  @Test
  void aNegativeJobsInFlightIsRefusedInOneLine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> session("--jobsInFlight=-1").close());
    assertThat(
        e.getMessage(),
        is(
            "--jobsInFlight must be 0 (the runner's choice) or the jobs that may run at once;"
                + " got -1"));
  }
}
