package io.taskbeam.internal.beam;

import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.SerialAllowList;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Lays a {@link Plan} out as Beam transforms. Per stage {@code S}:
 *
 * <pre>
 *   S.chunks (Create of chunk specs) --+
 *   route sI->S (values from stage I) -+-> Flatten -> S.group (GroupByKey on chunk) -> S (ParDo)
 *   S.side (Create + values selected from earlier stages) -> View.asMap ----------^ side input
 * </pre>
 *
 * <p>A stage of one chunk that reads nothing routed from earlier stages (a sync point's single
 * task, a reduction) skips the join and the group: {@code S.chunk} creates its one group directly.
 * Grouping would only add a shuffle (on the DirectRunner a watermark-driven step, on Flink a sort
 * and an exchange) to a round trip that is all overhead.
 */
public final class PipelineBuilder {
  private static final KvCoder<String, Object> VALUES =
      KvCoder.of(StringUtf8Coder.of(), ValueCoder.of());
  private static final KvCoder<Integer, StagePart> PARTS =
      KvCoder.of(VarIntCoder.of(), StagePart.Coder.INSTANCE);
  private static final KvCoder<Integer, Iterable<StagePart>> GROUPED =
      KvCoder.of(VarIntCoder.of(), IterableCoder.of(StagePart.Coder.INSTANCE));

  private PipelineBuilder() {}

  /**
   * Adds {@code plan} to {@code pipeline}.
   *
   * @param chunkKeys for a stage of n chunks, its chunks' group keys (chunk index to key): a runner
   *     may choose keys that spread chunks evenly over its workers
   * @param failures what a worker throws when a task failed after its retries
   * @param seal the session's seal, which the workers register (null: they hold it already)
   * @param attemptDir where chunks keep what a re-run of the sync point needs (the files a task
   *     modifies, as they were before it), or null
   * @return each stage's output: the versions it emits to later stages, by key
   */
  public static List<PCollection<KV<String, Object>>> build(
      Pipeline pipeline,
      Plan plan,
      IntFunction<IntUnaryOperator> chunkKeys,
      RunnerSupport.FailureMapper failures,
      SessionSeal seal,
      String attemptDir) {
    List<PCollection<KV<String, Object>>> outputs = new ArrayList<>();
    RunChunkFn.Settings settings =
        new RunChunkFn.Settings(
            plan.eventDir(),
            failures,
            seal,
            new ArrayList<>(SerialAllowList.declaredNames()),
            attemptDir);
    for (Stage stage : plan.stages()) {
      IntUnaryOperator key = chunkKeys.apply(stage.chunks().size());
      outputs.add(stage(pipeline, stage, outputs, key, settings));
    }
    return outputs;
  }

  /** Adds {@code plan} with chunk keys equal to chunk indices and failures as they are. */
  public static List<PCollection<KV<String, Object>>> build(Pipeline pipeline, Plan plan) {
    return build(
        pipeline,
        plan,
        n -> IntUnaryOperator.identity(),
        RunnerSupport.FailureMapper.AS_IS,
        null,
        null);
  }

  private static PCollection<KV<String, Object>> stage(
      Pipeline pipeline,
      Stage stage,
      List<PCollection<KV<String, Object>>> earlier,
      IntUnaryOperator key,
      RunChunkFn.Settings settings) {
    String name = stage.name();
    // An empty route (a priority stage this one waits for) keeps the group: its completion is
    // the wait.
    PCollection<KV<Integer, Iterable<StagePart>>> grouped =
        stage.chunks().size() == 1 && stage.mainRoutes().isEmpty()
            ? pipeline.apply(
                name + ".chunk",
                Create.<KV<Integer, Iterable<StagePart>>>of(
                        KV.of(
                            key.applyAsInt(stage.chunks().get(0).index()),
                            List.of(StagePart.spec(stage.chunks().get(0)))))
                    .withCoder(GROUPED))
            : joinAndGroup(pipeline, stage, earlier, key);
    PCollectionView<Map<String, Object>> side = sideInput(pipeline, stage, earlier);
    ParDo.SingleOutput<KV<Integer, Iterable<StagePart>>, KV<String, Object>> run =
        ParDo.of(new RunChunkFn(side, settings));
    if (side != null) {
      run = run.withSideInputs(side);
    }
    return grouped.apply(name, run).setCoder(VALUES);
  }

  /** Each chunk's spec with the values routed to it from earlier stages, grouped by chunk key. */
  private static PCollection<KV<Integer, Iterable<StagePart>>> joinAndGroup(
      Pipeline pipeline,
      Stage stage,
      List<PCollection<KV<String, Object>>> earlier,
      IntUnaryOperator key) {
    String name = stage.name();
    List<KV<Integer, StagePart>> specs = new ArrayList<>();
    for (ChunkSpec chunk : stage.chunks()) {
      specs.add(KV.of(key.applyAsInt(chunk.index()), StagePart.spec(chunk)));
    }
    List<PCollection<KV<Integer, StagePart>>> parts = new ArrayList<>();
    parts.add(pipeline.apply(name + ".chunks", Create.of(specs).withCoder(PARTS)));
    for (Map.Entry<Integer, SortedMap<String, List<Integer>>> route :
        stage.mainRoutes().entrySet()) {
      parts.add(
          earlier
              .get(route.getKey())
              .apply(
                  "route " + route.getKey() + "->" + name,
                  ParDo.of(new RouteFn(keyed(route.getValue(), key))))
              .setCoder(PARTS));
    }
    return PCollectionList.of(parts)
        .apply(name + ".join", Flatten.pCollections())
        .apply(name + ".group", GroupByKey.create());
  }

  private static PCollectionView<Map<String, Object>> sideInput(
      Pipeline pipeline, Stage stage, List<PCollection<KV<String, Object>>> earlier) {
    if (stage.sideInputs().isEmpty()) {
      return null;
    }
    String name = stage.name();
    List<PCollection<KV<String, Object>>> sources = new ArrayList<>();
    if (!stage.driverSide().isEmpty()) {
      List<KV<String, Object>> values = new ArrayList<>();
      for (Map.Entry<String, DriverValue> e : stage.driverSide().entrySet()) {
        DriverValue v = e.getValue();
        values.add(KV.of(e.getKey(), v.inline() != null ? decode(v.inline()) : v.stored()));
      }
      sources.add(pipeline.apply(name + ".side.driver", Create.of(values).withCoder(VALUES)));
    }
    TreeSet<Integer> producers = new TreeSet<>(stage.sideInputs().values());
    producers.remove(Stage.DRIVER);
    for (int producer : producers) {
      TreeSet<String> keys = new TreeSet<>();
      stage
          .sideInputs()
          .forEach(
              (key, from) -> {
                if (from == producer) {
                  keys.add(key);
                }
              });
      sources.add(
          earlier
              .get(producer)
              .apply("select " + producer + "->" + name, ParDo.of(new SelectFn(keys)))
              .setCoder(VALUES));
    }
    return PCollectionList.of(sources)
        .apply(name + ".side", Flatten.pCollections())
        .apply(name + ".sideView", View.asMap());
  }

  private static Map<String, List<Integer>> keyed(
      Map<String, List<Integer>> routes, IntUnaryOperator key) {
    Map<String, List<Integer>> keyed = new java.util.HashMap<>();
    routes.forEach(
        (version, chunks) -> keyed.put(version, chunks.stream().map(key::applyAsInt).toList()));
    return keyed;
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
