package io.taskbeam.internal.memory;

import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.exec.ChunkRunner;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Runner;
import io.taskbeam.internal.plan.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Runner} without Beam: runs a plan's stages in order and each stage's chunks one after
 * the other on the calling thread, through the same {@link ChunkRunner} a Beam worker uses. Values
 * pass between stages encoded, as they cross a Beam runner's shuffle: each chunk that reads one
 * decodes its own copy, so a task that modifies its input in place cannot reach another chunk's
 * copy, and a result that cannot be encoded fails here as it fails on Flink. A stage's side inputs
 * are decoded once per stage and shared by its chunks, as one worker shares them.
 *
 * <p>It exists for the engine's own tests (Dask's synchronous scheduler, Crunch's {@code
 * MemPipeline}): the conformance suite runs the same bodies on it in milliseconds, so a semantic
 * bug shows before any pipeline starts. Plans are compiled for {@link #parallelism()} workers, so
 * their shapes are those a Beam runner of that parallelism gets.
 */
public final class MemoryRunner implements Runner {
  private final int parallelism;

  private MemoryRunner(int parallelism) {
    this.parallelism = parallelism;
  }

  /** A runner planning for {@code requested} workers, or the machine's cores for -1. */
  public static MemoryRunner start(int requested) {
    return new MemoryRunner(
        requested == -1 ? Runtime.getRuntime().availableProcessors() : requested);
  }

  @Override
  public Map<String, StoredRef> run(Plan plan) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = MemoryRunner.class.getClassLoader();
    }
    Map<String, byte[]> emitted = new HashMap<>();
    for (Stage stage : plan.stages()) {
      Map<String, Object> side = stage.sideValues(key -> decode(emitted.get(key)));
      for (ChunkSpec chunk : stage.chunks()) {
        ChunkRecorder recorder = ChunkRecorder.start(plan.eventDir(), chunk);
        Map<String, Object> produced =
            ChunkRunner.run(
                chunk,
                stage.routedTo(chunk, key -> decode(emitted.get(key))),
                side::get,
                new ChunkRunner.Worker(loader, recorder, plan.eventDir(), null));
        for (String key : chunk.emitKeys()) {
          emitted.put(key, encode(produced.get(key)));
        }
      }
    }
    Map<String, StoredRef> stored = new LinkedHashMap<>();
    plan.stored().forEach((key, path) -> stored.put(key, new StoredRef(path, key)));
    return stored;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public String name() {
    return "InMemoryRunner";
  }

  @Override
  public String description() {
    return "InMemoryRunner (the driver's thread, no Beam), planned for parallelism " + parallelism;
  }

  @Override
  public long workerHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  private static byte[] encode(Object value) {
    try {
      return ValueCoder.toBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a task's result: " + e.getMessage(), e);
    }
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a task's result: " + e.getMessage(), e);
    }
  }
}
