package io.taskbeam.internal.beam;

import io.taskbeam.TaskFailedException;
import io.taskbeam.ObserveOptions;
import io.taskbeam.internal.exec.ChunkRunner;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.plan.ChunkSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * The body of every stage: receives a chunk's spec together with the values routed to it, runs
 * the chunk's calls, and emits the versions later stages read.
 */
final class RunChunkFn extends DoFn<KV<Integer, Iterable<StagePart>>, KV<String, Object>> {
  private static final long serialVersionUID = 1L;
  private final PCollectionView<Map<String, Object>> side;
  private final boolean onFlink;

  /**
   * @param onFlink a failed task (after its own retries) then also stops Flink from restarting
   *     the job: the job's restart strategy is for lost TaskManagers, and rerunning every task of
   *     the job would only fail the same way again
   */
  RunChunkFn(PCollectionView<Map<String, Object>> side, boolean onFlink) {
    this.side = side;
    this.onFlink = onFlink;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    ChunkSpec spec = null;
    Map<String, Object> main = new HashMap<>();
    for (StagePart part : c.element().getValue()) {
      if (part.spec() != null) {
        spec = part.spec();
      } else {
        main.put(part.key(), part.value());
      }
    }
    if (spec == null) {
      throw new IllegalStateException("chunk " + c.element().getKey() + " lost its spec");
    }
    Map<String, Object> sideValues = side == null ? Map.of() : c.sideInput(side);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = RunChunkFn.class.getClassLoader();
    }
    ChunkRecorder recorder = ChunkRecorder.start(
        c.getPipelineOptions().as(ObserveOptions.class).getTaskEventDir(), spec.stage(),
        spec.index(), spec.calls().get(0).function().shortName());
    Map<String, Object> produced;
    try {
      produced = ChunkRunner.run(spec, main, sideValues::get, loader, recorder);
    } catch (TaskFailedException e) {
      throw onFlink ? new SuppressRestartsException(e) : e;
    }
    for (String key : spec.emitKeys()) {
      c.output(KV.of(key, produced.get(key)));
    }
  }
}
