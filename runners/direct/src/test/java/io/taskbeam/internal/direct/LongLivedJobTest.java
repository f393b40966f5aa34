package io.taskbeam.internal.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DirectRunner's long-lived job ({@code --longLivedJob}, on by default): every job's chunks run
 * on the same workers, one per unit of parallelism and side by side; off, or with Beam's
 * per-element checks, each job is a pipeline of its own.
 */
class LongLivedJobTest {
  @TempDir Path dir;

  private TaskBeam session(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner", "--parallelism=2", "--observe=false", "--workDir=" + dir));
    args.addAll(List.of(more));
    return TaskBeam.start(args.toArray(String[]::new));
  }

  @Test
  void syncPointsReuseTheSameWorkers() {
    try (TaskBeam tb = session()) {
      Set<Long> threads = new HashSet<>();
      for (int round = 0; round < 20; round++) {
        threads.add(tb.waitOn(tb.submit(WorkerProbe::threadId, round)));
        assertThat(tb.waitOn(tb.submit(WorkerProbe::inLongLivedWorker, round)), is(true));
      }
      assertThat("one thread per worker over 40 jobs", threads.size(), lessThanOrEqualTo(2));
      assertThat(tb.reports().size(), is(40));
    }
  }

  @Test
  void itsWorkersRunChunksSideBySide() {
    WorkerProbe.meeting = new CyclicBarrier(2);
    try (TaskBeam tb = session()) {
      List<TaskFuture<Integer>> met =
          List.of(tb.submit(WorkerProbe::meet, 1), tb.submit(WorkerProbe::meet, 2));
      assertThat("both met: they ran at once", tb.waitOn(met), is(List.of(1, 2)));
    }
  }

  @Test
  void offEachJobIsAPipelineOfItsOwn() {
    for (String[] args :
        List.of(
            new String[] {"--longLivedJob=false"}, new String[] {"--directRunnerChecks=true"})) {
      try (TaskBeam tb = session(args)) {
        Set<Long> threads = new HashSet<>();
        for (int round = 0; round < 3; round++) {
          threads.add(tb.waitOn(tb.submit(WorkerProbe::threadId, round)));
          assertThat(tb.waitOn(tb.submit(WorkerProbe::inLongLivedWorker, round)), is(false));
        }
        assertThat("each pipeline has threads of its own", threads.size(), greaterThan(1));
      }
    }
  }
}
