package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collection parameters ({@link TaskBeam#collect}) and what the driver sends per sync point. */
class CollectTest {
  @TempDir Path work;
  private TaskBeam tb;

  @BeforeEach
  void start() {
    tb = TaskBeam.start("--runner=InMemoryRunner", "--parallelism=2", "--workDir=" + work);
  }

  @AfterEach
  void stop() {
    tb.close();
  }

  @Test
  void aCollectionGathersTaskResultsInOrderInOneStage() {
    List<TaskFuture<Integer>> squares = new ArrayList<>();
    List<TaskFuture<String>> labels = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      squares.add(tb.submit(FileTasks::square, i));
      labels.add(tb.submit(FileTasks::label, 7 - i));
    }
    TaskFuture<Integer> sum = tb.submit(FileTasks::sum, tb.collect(squares));
    TaskFuture<String> joined = tb.submit(FileTasks::join, tb.collect(labels));
    String plan = tb.explain();
    assertThat(plan, containsString("collect depth=1 tasks=12 chunks=2"));
    assertThat(plan, containsString("sum depth=2 tasks=1"));
    assertThat(tb.waitOn(sum), is(91));
    assertThat(tb.waitOn(joined), equalTo("v6,v5,v4,v3,v2,v1"));
    assertThat(tb.reports().get(0).stages(), is(5));
    // the gathered list is a datum like any other: read again at the next sync point
    TaskFuture<Integer> again = tb.submit(FileTasks::sum, tb.collect(squares.subList(0, 2)));
    assertThat(tb.waitOn(again), is(5));
  }

  @Test
  void largeValuesAreSentOnceAndResultsNeverPassThroughTheDriver() {
    TaskFuture<double[]> big = tb.put(new double[8192]);
    tb.waitOn(tb.submit(FileTasks::length, big));
    tb.waitOn(tb.submit(FileTasks::length, big));
    TaskFuture<Integer> four = tb.submit(FileTasks::square, 2);
    tb.barrier();
    tb.waitOn(tb.submit(FileTasks::square, four));
    List<SyncReport> reports = tb.reports();
    assertThat(reports.get(0).driverBytes(), greaterThanOrEqualTo(8192L * 8));
    assertThat("stored, sent as a reference", reports.get(1).driverBytes(), lessThan(100L));
    assertThat(reports.get(3).driverBytes(), is(0L));
  }
}
