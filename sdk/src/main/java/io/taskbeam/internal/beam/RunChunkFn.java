package io.taskbeam.internal.beam;

import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.SerialAllowList;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.exec.ChunkRunner;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The body of every stage: receives a chunk's spec together with the values routed to it, runs the
 * chunk's calls, and emits the versions later stages read.
 */
final class RunChunkFn extends DoFn<KV<Integer, Iterable<StagePart>>, KV<String, Object>> {
  private static final long serialVersionUID = 1L;

  /**
   * What every chunk of a sync point shares.
   *
   * @param eventDir where the chunk leaves its task events, or null
   * @param failures what the worker throws when a task failed after its retries (on Flink: an
   *     exception that also stops the job's restarts, which are meant for lost TaskManagers)
   * @param seal the session's directory and key, which this worker's JVM registers; null in tests
   *     that build pipelines without a session
   * @param declared the classes the driver's program declared ({@link SerialAllowList}), which the
   *     worker may then deserialize too
   * @param attemptDir where chunks keep the files their calls modify, for a re-run; or null
   */
  record Settings(
      String eventDir,
      RunnerSupport.FailureMapper failures,
      SessionSeal seal,
      ArrayList<String> declared,
      String attemptDir)
      implements Serializable {}

  private final PCollectionView<Map<String, Object>> side;
  private final Settings settings;

  RunChunkFn(PCollectionView<Map<String, Object>> side, Settings settings) {
    this.side = side;
    this.settings = settings;
  }

  @Setup
  public void setup() {
    if (settings.seal() != null) {
      settings.seal().register();
    }
    SerialAllowList.declareNames(settings.declared());
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
    if (alreadyStored(spec)) {
      return;
    }
    Map<String, Object> sideValues = side == null ? Map.of() : c.sideInput(side);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = RunChunkFn.class.getClassLoader();
    }
    ChunkRecorder recorder = ChunkRecorder.start(settings.eventDir(), spec);
    Map<String, Object> produced;
    try {
      produced =
          ChunkRunner.run(
              spec,
              main,
              sideValues::get,
              new ChunkRunner.Worker(loader, recorder, settings.eventDir(), settings.attemptDir()));
    } catch (TaskFailedException e) {
      throw settings.failures().map(e);
    }
    for (String key : spec.emitKeys()) {
      c.output(KV.of(key, produced.get(key)));
    }
  }

  /**
   * Whether an earlier run of this chunk (before its job was restarted, or before the driver ran
   * the sync point again on fewer workers) already finished it: its bundle is written whole or not
   * at all, and a chunk whose results all go to its bundle has nothing else to give. A chunk that
   * emits to later stages runs again.
   */
  static boolean alreadyStored(ChunkSpec spec) {
    return spec.emitKeys().isEmpty()
        && spec.storePath() != null
        && Files.isRegularFile(Path.of(spec.storePath()));
  }
}
