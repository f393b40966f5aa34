package io.taskbeam.internal.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.memory.MemoryRunner;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Runner;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a sync point the session keeps none of the job it ran: its tasks and plan (a few hundred
 * bytes per task) go once the job ended, so what a long session retains after its sync points does
 * not include the last one's tasks. The runner here records each plan it gets, weakly.
 */
class JobRetentionTest {
  @TempDir Path dir;

  /** A one-argument task method, as the API's submit takes it. */
  interface IntTask extends Serializable {
    int apply(int x);
  }

  @Test
  void anEndedJobsTasksAndPlanAreNotRetained() throws Exception {
    List<WeakReference<Plan>> plans = new ArrayList<>();
    RunnerFactory recording =
        (options, requested, sessionDir) -> recordingPlans(MemoryRunner.start(requested), plans);
    TaskBeamOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=InMemoryRunner", "--parallelism=2", "--observe=false", "--workDir=" + dir)
            .as(TaskBeamOptions.class);
    Session session = Session.start(options, recording);
    try {
      Object future = new Object(); // stands for the API's future on the result
      IntTask fn = GateTasks::doubled;
      long result = session.submit(fn, new Object[] {21}, new boolean[] {false});
      session.hold(future, result);
      assertThat(session.waitOn(List.of(result)), equalTo(List.of(42)));
      assertThat(plans.size(), is(1));
      for (int i = 0; i < 50 && plans.get(0).get() != null; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertThat("the ended job's plan is still reachable", plans.get(0).get(), nullValue());
      assertThat(session.waitOn(List.of(result)), equalTo(List.of(42)));
    } finally {
      session.close();
    }
  }

  private static Runner recordingPlans(Runner runner, List<WeakReference<Plan>> plans) {
    return new Runner() {
      @Override
      public Map<String, StoredRef> run(Plan plan) {
        plans.add(new WeakReference<>(plan));
        return runner.run(plan);
      }

      @Override
      public int parallelism() {
        return runner.parallelism();
      }

      @Override
      public String name() {
        return runner.name();
      }

      @Override
      public String description() {
        return runner.description();
      }

      @Override
      public void close() {
        runner.close();
      }
    };
  }
}
