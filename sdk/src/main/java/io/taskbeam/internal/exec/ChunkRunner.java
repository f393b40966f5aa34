package io.taskbeam.internal.exec;

import io.taskbeam.FailurePolicy;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.SharedCache;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.Unserializable;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.observe.TaskOutcome;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Runs the calls of one chunk in order, where the chunk's element is processed. Arguments come from
 * the chunk itself, the work directory, the stage's side input, the routed main input or earlier
 * calls of the chunk; values a task modifies in place are copied when anything else might see the
 * same object.
 */
public final class ChunkRunner {
  private ChunkRunner() {}

  /**
   * Where a chunk runs: the class loader its task methods come from, the recorder of its calls,
   * where external programs the tasks run leave their output ({@code eventDir}, or null), and where
   * calls that modify files keep them as they were ({@code attemptDir}, {@link PreImages}; or null
   * when the chunk never runs again).
   */
  public record Worker(
      ClassLoader loader, ChunkRecorder recorder, String eventDir, String attemptDir) {}

  /**
   * Runs the chunk, recording each call, and returns the versions it emits or stores, by key, after
   * writing the stored ones to its bundle file. Between calls the chunk stops when its thread was
   * interrupted (the runner cancelled it), instead of running on.
   */
  public static Map<String, Object> run(
      ChunkSpec chunk, Map<String, Object> main, Function<String, Object> side, Worker worker) {
    boolean complete = false;
    try {
      Map<String, Object> produced = runCalls(chunk, main, side, worker);
      complete = true;
      return produced;
    } finally {
      worker.recorder().finish(complete);
    }
  }

  /**
   * Runs the calls in order. Memory stays bounded by what is still needed: a value leaves the
   * chunk's working set after its last read here, and only the versions the chunk emits or stores
   * are kept to the end (a fused chain of block updates holds one block of A at a time, not all of
   * them).
   */
  private static Map<String, Object> runCalls(
      ChunkSpec chunk, Map<String, Object> main, Function<String, Object> side, Worker worker) {
    ClassLoader loader = worker.loader();
    ChunkRecorder recorder = worker.recorder();
    String eventDir = worker.eventDir();
    java.nio.file.Path attemptDir =
        worker.attemptDir() == null ? null : java.nio.file.Path.of(worker.attemptDir());
    Map<String, Object> local = new HashMap<>(main);
    Set<String> needed = new HashSet<>(chunk.emitKeys());
    needed.addAll(chunk.storeKeys());
    Map<String, Integer> readsLeft = readsLeft(chunk);
    Map<String, Object> produced = new HashMap<>();
    for (CallSpec call : chunk.calls()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException(
            "chunk " + chunk.index() + " of stage " + chunk.stage() + " was cancelled");
      }
      long start = recorder.taskStarted(call.taskName());
      Object[] args = new Object[call.args().length];
      for (int i = 0; i < args.length; i++) {
        args[i] = resolve(call.args()[i], local, side, loader);
      }
      PreImages.prepare(attemptDir, call, args);
      TaskInvoker.Outcome outcome;
      TaskContext.set(TaskContext.of(call.taskName(), eventDir));
      try {
        outcome = TaskInvoker.invoke(call, args, loader);
      } catch (RuntimeException | Error e) {
        recorder.taskEnded(call.taskName(), start, TaskOutcome.FAILED, attemptsOf(call));
        throw e;
      } finally {
        TaskContext.set(null);
      }
      try {
        checkLeaving(call, outcome, needed);
      } catch (TaskFailedException e) {
        recorder.taskEnded(call.taskName(), start, TaskOutcome.FAILED, outcome.attempts());
        throw e;
      }
      recorder.taskEnded(call.taskName(), start, outcome.outcome(), outcome.attempts());
      for (ArgSource arg : call.args()) {
        if (readsLocally(arg)
            && readsLeft.merge(arg.key(), -1, Integer::sum) == 0
            && !needed.contains(arg.key())) {
          local.remove(arg.key());
        }
      }
      for (int i = 0; i < args.length; i++) {
        keep(call.outKeys()[i], outcome.args()[i], local, produced, needed, readsLeft);
      }
      keep(call.resultKey(), outcome.result(), local, produced, needed, readsLeft);
      for (int p = 0; p < call.partKeys().length; p++) {
        keep(
            call.partKeys()[p],
            Parts.part(outcome.result(), p, call),
            local,
            produced,
            needed,
            readsLeft);
      }
    }
    store(chunk, produced);
    return produced;
  }

  /**
   * Fails the call, by name, when a value it produced must leave the chunk (to another stage or the
   * driver) and cannot be encoded: otherwise the runner's coder fails the whole job later with
   * nothing but a class name.
   */
  private static void checkLeaving(CallSpec call, TaskInvoker.Outcome outcome, Set<String> needed) {
    for (int i = -1; i < call.args().length; i++) {
      String key = i < 0 ? call.resultKey() : call.outKeys()[i];
      Object value = i < 0 ? outcome.result() : outcome.args()[i];
      if (i < 0 && call.partKeys().length > 0) {
        continue; // the parts travel, each on its own
      }
      if (key == null || !needed.contains(key)) {
        continue;
      }
      String problem = Unserializable.problem(value);
      if (problem != null && !encodes(value)) {
        throw new TaskFailedException(
            call.taskName(),
            "task "
                + call.taskName()
                + " ("
                + call.function().displayName()
                + ") "
                + (i < 0
                    ? "returned"
                    : "left parameter " + call.function().paramName(i) + " holding")
                + " a value that cannot be sent on: "
                + problem
                + "; make that type implement "
                + "java.io.Serializable or register a ValueCodec for it",
            null);
      }
    }
  }

  private static boolean encodes(Object value) {
    try {
      ValueCoder.toBytes(value);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads of each value held in the chunk's working set, over all its calls. */
  private static Map<String, Integer> readsLeft(ChunkSpec chunk) {
    Map<String, Integer> reads = new HashMap<>();
    for (CallSpec call : chunk.calls()) {
      for (ArgSource arg : call.args()) {
        if (readsLocally(arg)) {
          reads.merge(arg.key(), 1, Integer::sum);
        }
      }
    }
    return reads;
  }

  private static boolean readsLocally(ArgSource arg) {
    return arg.kind() != ArgSource.Kind.FRESH && arg.kind() != ArgSource.Kind.SIDE;
  }

  private static void keep(
      String key,
      Object value,
      Map<String, Object> local,
      Map<String, Object> produced,
      Set<String> needed,
      Map<String, Integer> readsLeft) {
    if (key == null) {
      return;
    }
    if (needed.contains(key)) {
      produced.put(key, value);
    }
    if (readsLeft.getOrDefault(key, 0) > 0) {
      local.put(key, value);
    }
  }

  private static int attemptsOf(CallSpec call) {
    return 1 + (call.function().policy() == FailurePolicy.RETRY ? call.function().retries() : 0);
  }

  private static Object resolve(
      ArgSource source,
      Map<String, Object> local,
      Function<String, Object> side,
      ClassLoader loader) {
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

  /** Writes the stored versions, encoding one at a time as the bundle is written. */
  private static void store(ChunkSpec chunk, Map<String, Object> produced) {
    if (chunk.storeKeys().isEmpty()) {
      return;
    }
    Iterable<WorkDir.Entry> entries =
        () ->
            chunk.storeKeys().stream()
                .map(key -> new WorkDir.Entry(key, encode(key, produced.get(key))))
                .iterator();
    WorkDir.writeBundle(java.nio.file.Path.of(chunk.storePath()), entries);
  }

  private static byte[] encode(String key, Object value) {
    try {
      return ValueCoder.toBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "result "
              + key
              + " of this chunk cannot be encoded: "
              + "make its type implement java.io.Serializable",
          e);
    }
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
