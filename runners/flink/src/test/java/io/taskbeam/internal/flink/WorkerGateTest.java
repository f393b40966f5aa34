package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.taskbeam.flink.spi.WorkerLeaving;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's side of a drain, on a run directory without a cluster. */
class WorkerGateTest {
  @TempDir Path run;

  @Test
  void aLeaveIsAnsweredOnlyOnceNoJobRunsAndHoldsNewJobsUntilItsMarkerGoes() throws Exception {
    try (WorkerGate gate = WorkerGate.open(run.toString(), name -> true)) {
      assertThat(WorkerLeaving.drivers(run), hasSize(1));
      String driver = WorkerLeaving.drivers(run).get(0);
      assertThat(gate.beforeSubmit(), is(false)); // a job in flight
      WorkerLeaving.write(WorkerLeaving.marker(run, "tm-3"), "pid 1");
      assertThat(gate.leaving(), contains("tm-3"));
      Path ack = WorkerLeaving.ack(run, "tm-3", driver);
      Thread.sleep(5 * WorkerGate.POLL.toMillis());
      assertThat("no answer while a job runs", Files.exists(ack), is(false));

      gate.afterJob();
      awaitFile(ack);
      CompletableFuture<Boolean> next =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return gate.beforeSubmit();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        next.get(5 * WorkerGate.POLL.toMillis(), TimeUnit.MILLISECONDS);
        throw new AssertionError("the next job was submitted while tm-3 was leaving");
      } catch (TimeoutException held) {
        // held, as it should be
      }
      WorkerLeaving.clear(run, "tm-3"); // the drainer: stopped and gone
      assertThat(
          "the held job goes on, told that it waited", next.get(5, TimeUnit.SECONDS), is(true));
      assertThat(gate.leaving(), is(empty()));
    }
    assertThat("the session's registration is gone", WorkerLeaving.drivers(run), is(empty()));
  }

  @Test
  void aTaskManagerFlinkNoLongerListsOpensTheGateThoughItsMarkerStays() throws Exception {
    try (WorkerGate gate = WorkerGate.open(run.toString(), name -> false)) {
      WorkerLeaving.write(WorkerLeaving.marker(run, "tm-2"), "pid 1");
      awaitFile(WorkerLeaving.ack(run, "tm-2", WorkerLeaving.drivers(run).get(0)));
      CompletableFuture<Boolean> next =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return gate.beforeSubmit();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      next.get(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The hold a marker names bounds it, not the 2-minute default: a drain of long tasks ({@code
   * remove-taskmanager --timeout 600}) holds the drivers for as long (until 2026-12-08 they went on
   * after 2 minutes and could send the next job to the leaving TaskManager).
   */
  @Test
  void aLeaveHoldsJobsForTheTimeItsMarkerNames() throws Exception {
    assertThat(
        WorkerLeaving.hold(
            WorkerLeaving.markerText("pid 7", Duration.ofSeconds(630)), WorkerGate.HOLD),
        is(Duration.ofSeconds(630)));
    assertThat(WorkerLeaving.hold("pid 7", WorkerGate.HOLD), is(WorkerGate.HOLD));
    try (WorkerGate gate = WorkerGate.open(run.toString(), name -> true)) {
      WorkerLeaving.write(
          WorkerLeaving.marker(run, "tm-4"),
          WorkerLeaving.markerText("pid 1", Duration.ofSeconds(1)));
      assertThat(gate.leaving(), contains("tm-4"));
      awaitFile(WorkerLeaving.ack(run, "tm-4", WorkerLeaving.drivers(run).get(0))); // closed
      long start = System.nanoTime();
      assertThat("held, then let go with the marker still there", gate.beforeSubmit(), is(true));
      long heldMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(heldMillis > 500 && heldMillis < 5_000, is(true));
    }
  }

  @Test
  void aClusterWithoutARunDirectoryHasNoGate() throws Exception {
    assertThat(WorkerGate.open(null, n -> true) == WorkerGate.NONE, is(true));
    assertThat(
        WorkerGate.open(run.resolve("missing").toString(), n -> true) == WorkerGate.NONE, is(true));
    assertThat(WorkerGate.NONE.beforeSubmit(), is(false));
    assertThat(WorkerGate.NONE.leaving(), is(empty()));
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " was not written within 5 s");
      }
      Thread.sleep(10);
    }
  }
}
