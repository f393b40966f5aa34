package io.taskbeam.internal.exec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk on a worker: its calls in order, values routed in, results emitted and stored. */
class ChunkRunnerTest {
  private static final ClassLoader LOADER = ChunkRunnerTest.class.getClassLoader();

  @TempDir Path work;
  private SessionSeal seal;

  @org.junit.jupiter.api.BeforeEach
  void sealTheSession() {
    seal = SessionSeal.create(work);
  }

  @org.junit.jupiter.api.AfterEach
  void forgetTheSession() {
    seal.forget();
  }

  private final TaskGraph graph = new TaskGraph();
  private final DataStore store = new DataStore();

  private long supply(Object value) throws Exception {
    long id = graph.supply();
    store.put(graph.latest(id).key(), DriverValue.inline(ValueCoder.toBytes(value)));
    return id;
  }

  private Plan compile() {
    return compile(true);
  }

  private Plan compile(boolean fuse) {
    List<TaskNode> tasks = graph.takePending();
    List<DataVersion> keep = graph.latestWrittenBy(tasks);
    return PlanCompiler.compile(
        tasks, keep, store::get, new PlanCompiler.Settings(2, 1, 1024, work.toString(), 1, fuse));
  }

  private static Map<String, Object> run(ChunkSpec chunk, Map<String, Object> main) {
    return ChunkRunner.run(
        chunk,
        main,
        key -> null,
        new ChunkRunner.Worker(
            LOADER, ChunkRecorder.start(null, chunk.stage(), chunk.index(), "test"), null, null));
  }

  @Test
  void aFusedChainRunsInOneChunkAndStoresItsLastVersion() throws Exception {
    long x = supply(new double[] {1});
    for (int i = 0; i < 3; i++) {
      graph.addTask(ExecTasks.INCREMENT, new long[] {x});
    }
    Plan plan = compile();
    ChunkSpec chunk = plan.stages().get(0).chunks().get(0);
    assertThat(plan.stages().size(), is(1));
    assertThat(
        chunk.calls().toString(),
        equalTo(
            "[increment#1[INLINE(d1v1)], "
                + "increment#2[LOCAL(d1v2)], increment#3[LOCAL(d1v3)]]"));

    Map<String, Object> produced = run(chunk, Map.of());

    assertThat(((double[]) produced.get("d1v4"))[0], is(4.0));
    Object stored = WorkDir.readAll(plan.stored().get("d1v4"), Set.of("d1v4")).get("d1v4");
    assertThat(((double[]) stored)[0], is(4.0));
  }

  @Test
  void aCancelledChunkStopsBeforeItsNextCall() throws Exception {
    long x = supply(new double[] {1});
    graph.addTask(ExecTasks.INCREMENT, new long[] {x});
    ChunkSpec chunk = compile().stages().get(0).chunks().get(0);
    Thread.currentThread().interrupt(); // as Flink does when it cancels the task
    try {
      CancellationException e =
          assertThrows(CancellationException.class, () -> run(chunk, Map.of()));
      assertThat(e.getMessage(), equalTo("chunk 0 of stage 0 was cancelled"));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void valuesFromAnEarlierStageArriveThroughTheMainInput() {
    TaskNode a = graph.addTask(ExecTasks.ADD, new long[] {supplyQuietly(1), supplyQuietly(2)});
    TaskNode b = graph.addTask(ExecTasks.ADD, new long[] {a.result().datum(), supplyQuietly(10)});
    Plan plan = compile(false);
    ChunkSpec second = plan.stages().get(1).chunks().get(0);
    assertThat(second.calls().get(0).args()[0].kind().toString(), equalTo("MAIN"));

    Map<String, Object> produced = run(second, Map.of(a.result().key(), 3));

    assertThat(produced.get(b.result().key()), equalTo(13));
  }

  private long supplyQuietly(Object value) {
    try {
      return supply(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
