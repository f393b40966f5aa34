package io.taskbeam.internal.exec;

import io.taskbeam.FailurePolicy;
import io.taskbeam.internal.data.SharedCache;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.observe.TaskOutcome;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the calls of one chunk in order, where the chunk's element is processed. Arguments come
 * from the chunk itself, the work directory, the stage's side input, the routed main input or
 * earlier calls of the chunk; values a task modifies in place are copied when anything else
 * might see the same object.
 */
public final class ChunkRunner {
  private ChunkRunner() {}

  /**
   * Returns every version the chunk computed, by key, after writing the chunk's stored versions
   * to its bundle file.
   */
  public static Map<String, Object> run(ChunkSpec chunk, Map<String, Object> main,
      Function<String, Object> side, ClassLoader loader) {
    return run(chunk, main, side, loader, ChunkRecorder.start(null, 0, 0, null));
  }

  /** Like {@link #run(ChunkSpec, Map, Function, ClassLoader)}, recording each call. */
  public static Map<String, Object> run(ChunkSpec chunk, Map<String, Object> main,
      Function<String, Object> side, ClassLoader loader, ChunkRecorder recorder) {
    boolean complete = false;
    try {
      Map<String, Object> produced = runCalls(chunk, main, side, loader, recorder);
      complete = true;
      return produced;
    } finally {
      recorder.finish(complete);
    }
  }

  private static Map<String, Object> runCalls(ChunkSpec chunk, Map<String, Object> main,
      Function<String, Object> side, ClassLoader loader, ChunkRecorder recorder) {
    Map<String, Object> local = new HashMap<>(main);
    Map<String, Object> produced = new HashMap<>();
    for (CallSpec call : chunk.calls()) {
      long start = recorder.taskStarted(call.taskName());
      Object[] args = new Object[call.args().length];
      for (int i = 0; i < args.length; i++) {
        args[i] = resolve(call.args()[i], local, side, loader);
      }
      TaskInvoker.Outcome outcome;
      try {
        outcome = TaskInvoker.invoke(call, args, loader);
      } catch (RuntimeException | Error e) {
        recorder.taskEnded(call.taskName(), start, TaskOutcome.FAILED, attemptsOf(call));
        throw e;
      }
      recorder.taskEnded(call.taskName(), start, outcome.outcome(), outcome.attempts());
      for (int i = 0; i < args.length; i++) {
        if (call.outKeys()[i] != null) {
          local.put(call.outKeys()[i], outcome.args()[i]);
          produced.put(call.outKeys()[i], outcome.args()[i]);
        }
      }
      if (call.resultKey() != null) {
        local.put(call.resultKey(), outcome.result());
        produced.put(call.resultKey(), outcome.result());
      }
    }
    store(chunk, produced);
    return produced;
  }

  private static int attemptsOf(CallSpec call) {
    return 1 + (call.function().policy() == FailurePolicy.RETRY ? call.function().retries() : 0);
  }

  private static Object resolve(ArgSource source, Map<String, Object> local,
      Function<String, Object> side, ClassLoader loader) {
    Object value;
    switch (source.kind()) {
      case FRESH:
        return instantiate(source.freshType(), loader);
      case INLINE:
        value = local.computeIfAbsent(source.key(), k -> decode(source.inline()));
        break;
      case STORED:
        value = local.computeIfAbsent(source.key(), k -> WorkDir.read(source.stored()));
        break;
      case SIDE:
        value = side.apply(source.key());
        if (value instanceof StoredRef ref) {
          value = SharedCache.load(ref);
        }
        break;
      default:
        if (!local.containsKey(source.key())) {
          throw new IllegalStateException("input " + source.key() + " did not reach its chunk");
        }
        value = local.get(source.key());
    }
    return source.copy() ? ValueCoder.copy(value) : value;
  }

  private static void store(ChunkSpec chunk, Map<String, Object> produced) {
    if (chunk.storeKeys().isEmpty()) {
      return;
    }
    List<WorkDir.Entry> entries = new ArrayList<>(chunk.storeKeys().size());
    for (String key : chunk.storeKeys()) {
      try {
        entries.add(new WorkDir.Entry(key, ValueCoder.toBytes(produced.get(key))));
      } catch (IOException e) {
        throw new UncheckedIOException("result " + key + " of this chunk cannot be encoded: "
            + "make its type implement java.io.Serializable", e);
      }
    }
    WorkDir.writeBundle(java.nio.file.Path.of(chunk.storePath()), entries);
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object instantiate(String type, ClassLoader loader) {
    try {
      return Class.forName(type, true, loader).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the OUT argument of type " + type, e);
    }
  }
}
