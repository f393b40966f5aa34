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
import io.taskbeam.internal.plan.ArgSource.Kind;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import io.taskbeam.internal.plan.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

/** The exact plans for the two matmul shapes, checked without running anything. */
class PlanCompilerTest {
  private static final PlanCompiler.Settings TWO_WORKERS =
      new PlanCompiler.Settings(2, 1, 16 * 1024, "/work", 1);
  private static final PlanCompiler.Settings TWO_WORKERS_UNFUSED =
      new PlanCompiler.Settings(2, 1, 16 * 1024, "/work", 1, false);

  private final TaskGraph graph = new TaskGraph();
  private final TaskFunction rows =
      FunctionResolver.resolve(
          (TaskFn.F2<DMatrixRMaj, DMatrixRMaj, DMatrixRMaj>) TestTasks::multiplyRows);
  private final TaskFunction accumulate =
      FunctionResolver.resolve(
          (TaskFn.V3<DMatrixRMaj, DMatrixRMaj, DMatrixRMaj>) TestTasks::multiplyAccumulate);
  private final TaskFunction add =
      FunctionResolver.resolve(
          (TaskFn.V3<DMatrixRMaj, DMatrixRMaj, DMatrixRMaj>) TestTasks::multiplyAdd);

  private final DataStore store = new DataStore();

  private long supply(Object value) throws Exception {
    long id = graph.supply();
    store.put(graph.latest(id).key(), DriverValue.inline(ValueCoder.toBytes(value)));
    return id;
  }

  private Plan compile() {
    return compile(TWO_WORKERS);
  }

  private Plan compile(PlanCompiler.Settings settings) {
    List<TaskNode> tasks = graph.takePending();
    List<DataVersion> keep = graph.latestWrittenBy(tasks);
    return PlanCompiler.compile(tasks, keep, store::get, settings);
  }

  @Test
  void rowWiseIsOneStageWithTheSharedMatrixAsSideInput() throws Exception {
    long b = supply(new DMatrixRMaj(4, 4));
    List<String> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      TaskNode t = graph.addTask(rows, new long[] {supply(new DMatrixRMaj(2, 4)), b});
      results.add(t.result().key());
    }
    Plan plan = compile();

    assertThat(
        plan.describe(), equalTo("stage 0 multiplyRows depth=0 tasks=8 chunks=2 side=[d1v1]\n"));
    Stage stage = plan.stages().get(0);
    assertThat(stage.sideInputs(), equalTo(new TreeMap<>(Map.of("d1v1", Stage.DRIVER))));
    assertThat(stage.mainRoutes(), is(anEmptyMap()));
    for (ChunkSpec chunk : stage.chunks()) {
      assertThat(chunk.calls().size(), is(4));
      for (CallSpec call : chunk.calls()) {
        assertThat(call.args()[0].kind(), is(Kind.INLINE));
        assertThat(call.args()[1].kind(), is(Kind.SIDE));
      }
    }
    assertThat(stage.chunks().get(0).storeKeys(), equalTo(results.subList(0, 4)));
    assertThat(stage.chunks().get(1).storeKeys(), equalTo(results.subList(4, 8)));
    assertThat(plan.stored().get(results.get(5)), equalTo("/work/sync1-s0-c1.bin"));
    assertThat(plan.driverFiles(), is(anEmptyMap()));
  }

  @Test
  void largeProgramValuesGoThroughTheWorkDirectory() throws Exception {
    // random, since a matrix of zeros encodes as its shape and would travel inline
    Random random = new Random(5);
    long b = supply(RandomMatrices_DDRM.rectangle(64, 64, random));
    graph.addTask(rows, new long[] {supply(RandomMatrices_DDRM.rectangle(64, 64, random)), b});
    Plan plan = compile();
    CallSpec call = plan.stages().get(0).chunks().get(0).calls().get(0);
    assertThat(call.args()[0].kind(), is(Kind.STORED));
    assertThat(call.args()[1].kind(), is(Kind.STORED));
    assertThat(plan.driverFiles().keySet(), contains("d2v1", "d1v1"));
    assertThat(plan.driverFiles().get("d1v1"), equalTo("/work/input-d1v1.bin"));
  }

  /** A, B and C as 3x3 block grids; returns the datum ids [A, B, C][i][j]. */
  private long[][][] blocked(TaskFunction fn) throws Exception {
    long[][][] ids = new long[3][3][3];
    for (int m = 0; m < 3; m++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          ids[m][i][j] = supply(new DMatrixRMaj(2, 2));
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          graph.addTask(fn, new long[] {ids[0][i][k], ids[1][k][j], ids[2][i][j]});
        }
      }
    }
    return ids;
  }

  private static String key(long datum, int version) {
    return "d" + datum + "v" + version;
  }

  @Test
  void unfusedInoutMatmulIsOneStagePerStepOfTheChainWithCRoutedAndABlocksShared() throws Exception {
    long[][][] ids = blocked(accumulate);
    Plan plan = compile(TWO_WORKERS_UNFUSED);

    assertThat(plan.stages().size(), is(3));
    for (int k = 0; k < 3; k++) {
      Stage stage = plan.stages().get(k);
      assertThat(stage.name(), equalTo("multiplyAccumulate@" + k));
      assertThat(stage.depth(), is(k));
      assertThat(stage.chunks().get(0).calls().size(), is(5));
      assertThat(stage.chunks().get(1).calls().size(), is(4));
      // chunk 0 holds C blocks (0,0) (0,1) (0,2) (1,0) (1,1); chunk 1 the rest. A[1][k] and
      // every B[k][j] are read from both chunks: side inputs. A[0][k], A[2][k] are not.
      TreeMap<String, Integer> side = new TreeMap<>();
      side.put(key(ids[0][1][k], 1), Stage.DRIVER);
      for (int j = 0; j < 3; j++) {
        side.put(key(ids[1][k][j], 1), Stage.DRIVER);
      }
      assertThat(stage.sideInputs(), equalTo(side));
      if (k == 0) {
        assertThat(stage.mainRoutes(), is(anEmptyMap()));
      } else {
        TreeMap<String, List<Integer>> routes = new TreeMap<>();
        for (int c = 0; c < 9; c++) {
          routes.put(key(ids[2][c / 3][c % 3], k + 1), List.of(c < 5 ? 0 : 1));
        }
        assertThat(stage.mainRoutes(), equalTo(new TreeMap<>(Map.of(k - 1, routes))));
        CallSpec first = stage.chunks().get(0).calls().get(0);
        assertThat(first.args()[2].kind(), is(Kind.MAIN));
        assertThat("C is read by its own update only: no copy", first.args()[2].copy(), is(false));
      }
    }
    assertThat(plan.stored().keySet().size(), is(9));
    assertThat(plan.stored().get(key(ids[2][2][2], 4)), equalTo("/work/sync1-s2-c1.bin"));
  }

  @Test
  void commutativeMatmulIsOneStageOfGroupsRunLocally() throws Exception {
    long[][][] ids = blocked(add);
    Plan plan = compile();

    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 multiplyAdd depth=0 tasks=27 chunks=2 side="
                + List.of(
                        key(ids[0][1][0], 1),
                        key(ids[0][1][1], 1),
                        key(ids[0][1][2], 1),
                        key(ids[1][0][0], 1),
                        key(ids[1][0][1], 1),
                        key(ids[1][0][2], 1),
                        key(ids[1][1][0], 1),
                        key(ids[1][1][1], 1),
                        key(ids[1][1][2], 1),
                        key(ids[1][2][0], 1),
                        key(ids[1][2][1], 1),
                        key(ids[1][2][2], 1))
                    .stream()
                    .sorted()
                    .toList()
                + "\n"));
    List<CallSpec> calls = plan.stages().get(0).chunks().get(0).calls();
    assertThat(calls.size(), is(15));
    assertThat(calls.get(0).args()[2].kind(), is(Kind.INLINE));
    assertThat(calls.get(1).args()[2].kind(), is(Kind.LOCAL));
    assertThat(calls.get(1).args()[2].key(), equalTo(key(ids[2][0][0], 2)));
    assertThat(calls.get(2).args()[2].key(), equalTo(key(ids[2][0][0], 3)));
    assertThat(plan.stages().get(0).chunks().get(1).calls().size(), is(12));
    assertThat(
        plan.stages().get(0).chunks().get(0).storeKeys().get(0), equalTo(key(ids[2][0][0], 4)));
  }

  @Test
  void inoutMatmulFusesEachChainOfCIntoOneUnitOfOneStage() throws Exception {
    long[][][] ids = blocked(accumulate);
    Plan plan = compile();

    // A[i][k] for i = 1 and every B block are read from both chunks; C never leaves its chunk.
    List<String> side = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      side.add(key(ids[0][1][k], 1));
      for (int j = 0; j < 3; j++) {
        side.add(key(ids[1][k][j], 1));
      }
    }
    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 multiplyAccumulate depth=0 tasks=27 chunks=2 "
                + "side="
                + side.stream().sorted().toList()
                + "\n"));
    List<CallSpec> calls = plan.stages().get(0).chunks().get(0).calls();
    assertThat(calls.size(), is(15));
    assertThat(calls.get(0).args()[2].kind(), is(Kind.INLINE));
    assertThat(calls.get(1).args()[2].kind(), is(Kind.LOCAL));
    assertThat(calls.get(1).args()[2].key(), equalTo(key(ids[2][0][0], 2)));
    assertThat(
        "C is read by its own update only: no copy", calls.get(1).args()[2].copy(), is(false));
    assertThat(calls.get(2).args()[2].key(), equalTo(key(ids[2][0][0], 3)));
    assertThat(calls.get(3).args()[2].key(), equalTo(key(ids[2][0][1], 1)));
    assertThat(plan.stages().get(0).chunks().get(0).emitKeys(), is(List.of()));
    assertThat(plan.stored().keySet().size(), is(9));
    assertThat(plan.stored().get(key(ids[2][2][2], 4)), equalTo("/work/sync1-s0-c1.bin"));
  }

  /** Three supplied 2x2 blocks: A, B and C of a small chain. */
  private long[] smallBlocks() throws Exception {
    return new long[] {
      supply(new DMatrixRMaj(2, 2)), supply(new DMatrixRMaj(2, 2)), supply(new DMatrixRMaj(2, 2))
    };
  }

  @Test
  void aChainLinkWithASecondReaderEndsTheChain() throws Exception {
    long[] abc = smallBlocks();
    long a = abc[0];
    long b = abc[1];
    long c = abc[2];
    graph.addTask(accumulate, new long[] {a, b, c});
    graph.addTask(accumulate, new long[] {a, b, c});
    graph.addTask(rows, new long[] {c, b});
    graph.addTask(accumulate, new long[] {a, b, c});
    graph.addTask(accumulate, new long[] {a, b, c});
    Plan plan = compile();

    // the first two links are one unit; the version after them is read twice (by the product
    // and by the next link), so the chain ends there and a new one starts at depth 1
    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 multiplyAccumulate@0 depth=0 tasks=2 chunks=1\n"
                + "stage 1 multiplyRows depth=1 tasks=1 chunks=1 from=[0]\n"
                + "stage 2 multiplyAccumulate@1 depth=1 tasks=2 chunks=1 from=[0]\n"));
    assertThat(plan.stages().get(0).chunks().get(0).emitKeys(), is(List.of(key(c, 3))));
    CallSpec next = plan.stages().get(2).chunks().get(0).calls().get(0);
    assertThat(
        "the product reads the same version: the update copies it",
        next.args()[2].copy(),
        is(true));
  }

  @Test
  void aLinkWaitingForAnotherBranchAsDeepAsTheChainIsNotFused() throws Exception {
    long[] abc = smallBlocks();
    long a = abc[0];
    long b = abc[1];
    long c = abc[2];
    graph.addTask(accumulate, new long[] {a, b, c});
    TaskNode product = graph.addTask(rows, new long[] {a, b});
    graph.addTask(accumulate, new long[] {product.result().datum(), b, c});
    Plan plan = compile();

    assertThat(
        plan.describe(),
        equalTo(
            "stage 0 multiplyAccumulate@0 depth=0 tasks=1 chunks=1\n"
                + "stage 1 multiplyRows depth=0 tasks=1 chunks=1\n"
                + "stage 2 multiplyAccumulate@1 depth=1 tasks=1 chunks=1 from=[0, 1]\n"));
  }

  @Test
  void chunksBalanceCallsSoALongChainIsNotPackedWithTheRest() throws Exception {
    long b = supply(new DMatrixRMaj(2, 2));
    long c = supply(new DMatrixRMaj(2, 2));
    for (int i = 0; i < 6; i++) {
      graph.addTask(accumulate, new long[] {b, b, c});
    }
    for (int i = 0; i < 3; i++) {
      graph.addTask(accumulate, new long[] {b, b, supply(new DMatrixRMaj(2, 2))});
    }
    Plan plan = compile();

    Stage stage = plan.stages().get(0);
    assertThat(plan.stages().size(), is(1));
    assertThat(stage.chunks().size(), is(2));
    assertThat(stage.chunks().get(0).calls().size(), is(6));
    assertThat(stage.chunks().get(1).calls().size(), is(3));
  }
}
