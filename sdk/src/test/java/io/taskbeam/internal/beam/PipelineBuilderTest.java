package io.taskbeam.internal.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.exec.ExecTasks;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.PlanCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * The Beam layer on a hand-built plan, without a session: the transforms and their names, what each
 * stage emits (PAssert), and what the last stage stores, on Beam's TestPipeline.
 */
class PipelineBuilderTest {
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

  /**
   * a_i = add(i, 10) for i < 4 (stage 0, two chunks, 10 read by both: a side input); b = add(a0,
   * a1), c = add(a2, a3) (stage 1, reading stage 0 through its main input).
   */
  private Plan plan(List<TaskNode> a, List<TaskNode> bc) throws Exception {
    long ten = supply(10);
    for (int i = 0; i < 4; i++) {
      a.add(graph.addTask(ExecTasks.ADD, new long[] {supply(i), ten}));
    }
    bc.add(
        graph.addTask(
            ExecTasks.ADD, new long[] {a.get(0).result().datum(), a.get(1).result().datum()}));
    bc.add(
        graph.addTask(
            ExecTasks.ADD, new long[] {a.get(2).result().datum(), a.get(3).result().datum()}));
    List<TaskNode> tasks = graph.takePending();
    List<DataVersion> keep = List.of(bc.get(0).result(), bc.get(1).result());
    return PlanCompiler.compile(
        tasks, keep, store::get, new PlanCompiler.Settings(2, 1, 1024, work.toString(), 1));
  }

  private long supply(Object value) throws Exception {
    long id = graph.supply();
    store.put(graph.latest(id).key(), DriverValue.inline(ValueCoder.toBytes(value)));
    return id;
  }

  @Test
  void twoStagesBecomeNamedTransformsThatEmitAndStoreTheirResults() throws Throwable {
    List<TaskNode> a = new ArrayList<>();
    List<TaskNode> bc = new ArrayList<>();
    Plan plan = plan(a, bc);
    TestPipeline pipeline = TestPipeline.create();
    Statement body =
        new Statement() {
          @Override
          public void evaluate() {
            List<PCollection<KV<String, Object>>> outputs = PipelineBuilder.build(pipeline, plan);

            assertThat(
                topLevelNames(pipeline),
                equalTo(
                    List.of(
                        "add@0.chunks",
                        "add@0.join",
                        "add@0.group",
                        "add@0.side.driver",
                        "add@0.side",
                        "add@0.sideView",
                        "add@0",
                        "add@1.chunks",
                        "route 0->add@1",
                        "add@1.join",
                        "add@1.group",
                        "add@1")));
            List<KV<String, Object>> emitted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
              emitted.add(KV.of(a.get(i).result().key(), i + 10));
            }
            PAssert.that(outputs.get(0)).containsInAnyOrder(emitted);
            PAssert.that(outputs.get(1)).empty();
            pipeline.run().waitUntilFinish();
          }
        };
    pipeline.apply(body, Description.createTestDescription(getClass(), "build")).evaluate();

    String b = bc.get(0).result().key();
    String c = bc.get(1).result().key();
    Map<String, Object> stored = new java.util.HashMap<>();
    stored.putAll(WorkDir.readAll(plan.stored().get(b), Set.of(b)));
    stored.putAll(WorkDir.readAll(plan.stored().get(c), Set.of(c)));
    assertThat(stored, equalTo(Map.of(b, 21, c, 25)));
  }

  @Test
  void aStageOfOneChunkWithNoRoutedInputSkipsTheJoinAndTheGroup() throws Throwable {
    TaskNode one = graph.addTask(ExecTasks.ADD, new long[] {supply(1), supply(2)});
    TaskNode two = graph.addTask(ExecTasks.ADD, new long[] {one.result().datum(), supply(4)});
    List<TaskNode> tasks = graph.takePending();
    Plan plan =
        PlanCompiler.compile(
            tasks,
            List.of(two.result()),
            store::get,
            new PlanCompiler.Settings(2, 1, 1024, work.toString(), 1));
    TestPipeline pipeline = TestPipeline.create();
    Statement body =
        new Statement() {
          @Override
          public void evaluate() {
            PipelineBuilder.build(pipeline, plan);
            // the chain is one stage of one chunk (the second call reads the first's result
            // inside the chunk; the small inputs travel in the spec): no join, no group
            assertThat(topLevelNames(pipeline), equalTo(List.of("add.chunk", "add")));
            pipeline.run().waitUntilFinish();
          }
        };
    pipeline.apply(body, Description.createTestDescription(getClass(), "one")).evaluate();
    String key = two.result().key();
    assertThat(WorkDir.readAll(plan.stored().get(key), Set.of(key)), equalTo(Map.of(key, 7)));
  }

  /** The names of the pipeline's top-level transforms, in the order they were applied. */
  private static List<String> topLevelNames(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
              names.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getEnclosingNode().isRootNode()) {
              names.add(node.getFullName());
            }
          }
        });
    return names;
  }
}
