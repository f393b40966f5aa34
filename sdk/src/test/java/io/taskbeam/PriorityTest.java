package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Task(priority = true)}: the exact plan (priority stages first in their depth, the others
 * waiting for them with one worker) and the order a one-worker DirectRunner run executes.
 */
class PriorityTest {
  @TempDir Path dir;

  private final TaskGraph graph = new TaskGraph();
  private final DataStore store = new DataStore();
  private final TaskFunction urgent =
      FunctionResolver.resolve((TaskFn.F2<Integer, String, Integer>) PriorityTasks::urgent);
  private final TaskFunction routine =
      FunctionResolver.resolve((TaskFn.F2<Integer, String, Integer>) PriorityTasks::routine);
  private final TaskFunction urgentAfter =
      FunctionResolver.resolve((TaskFn.F2<Integer, String, Integer>) PriorityTasks::urgentAfter);

  private long supply(Object value) throws Exception {
    long id = graph.supply();
    store.put(graph.latest(id).key(), DriverValue.inline(ValueCoder.toBytes(value)));
    return id;
  }

  private Plan compile(int parallelism) {
    List<TaskNode> tasks = graph.takePending();
    List<DataVersion> keep = graph.latestWrittenBy(tasks);
    return PlanCompiler.compile(
        tasks, keep, store::get, new PlanCompiler.Settings(parallelism, 2, 1024, "/work", 1));
  }

  /** Three routine calls, then two urgent ones, then an urgent call reading routine#1's result. */
  private void submitMixed() throws Exception {
    long log = supply("log");
    TaskNode first = null;
    for (int i = 0; i < 3; i++) {
      TaskNode t = graph.addTask(routine, new long[] {supply(i), log});
      first = first == null ? t : first;
    }
    for (int i = 0; i < 2; i++) {
      graph.addTask(urgent, new long[] {supply(10 + i), log});
    }
    graph.addTask(urgentAfter, new long[] {first.result().datum(), log});
  }

  @Test
  void withOneWorkerPriorityStagesComeFirstAndTheOthersOfTheirDepthWaitForThem() throws Exception {
    submitMixed();
    Plan plan = compile(1);
    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 urgent depth=0 tasks=2 chunks=2 priority side=[d1v1]\n"
                + "stage 1 routine depth=0 tasks=3 chunks=2 side=[d1v1] after=[0]\n"
                + "stage 2 urgentAfter depth=1 tasks=1 chunks=1 priority from=[1]\n"));
    assertThat(
        plan.stages().get(1).mainRoutes(), equalTo(new TreeMap<>(Map.of(0, new TreeMap<>()))));
    List<String> order = new ArrayList<>();
    plan.stages()
        .forEach(
            s ->
                s.chunks()
                    .forEach(c -> c.calls().stream().map(CallSpec::taskName).forEach(order::add)));
    assertThat(
        order,
        contains("urgent#4", "urgent#5", "routine#1", "routine#2", "routine#3", "urgentAfter#6"));
  }

  @Test
  void withSeveralWorkersPriorityStagesComeFirstButNothingWaits() throws Exception {
    submitMixed();
    Plan plan = compile(2);
    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 urgent depth=0 tasks=2 chunks=2 priority side=[d1v1]\n"
                + "stage 1 routine depth=0 tasks=3 chunks=3 side=[d1v1]\n"
                + "stage 2 urgentAfter depth=1 tasks=1 chunks=1 priority from=[1]\n"));
    assertThat(plan.stages().get(0).mainRoutes(), is(anEmptyMap()));
  }

  /** One chunk per stage (a stage that only waits still groups) and two. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void oneWorkerRunsEveryPriorityCallBeforeTheOthersOfItsDepth(int chunksPerWorker)
      throws Exception {
    Path log = dir.resolve("order.log");
    List<TaskFuture<Integer>> results = new ArrayList<>();
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--parallelism=1",
            "--chunksPerWorker=" + chunksPerWorker,
            "--workDir=" + dir.resolve("work"),
            "--observe=false")) {
      for (int i = 0; i < 4; i++) {
        results.add(tb.submit(PriorityTasks::routine, i, log.toString()));
      }
      for (int i = 0; i < 4; i++) {
        results.add(tb.submit(PriorityTasks::urgent, 10 + i, log.toString()));
      }
      assertThat(tb.waitOn(results), equalTo(List.of(0, 1, 2, 3, 10, 11, 12, 13)));
    }
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.size(), is(8));
    assertThat(
        "urgent calls first: " + lines,
        lines.subList(0, 4).stream().allMatch(l -> l.startsWith("urgent")),
        is(true));
  }
}
