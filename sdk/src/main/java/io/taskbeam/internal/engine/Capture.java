package io.taskbeam.internal.engine;

import io.taskbeam.Direction;
import io.taskbeam.internal.checkpoint.Identities;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.Fingerprint;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.Unserializable;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.exec.ArgumentTypes;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.plan.PlanCompiler;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a call's arguments become data: a future names its datum, a file its path's datum ({@link
 * FileData}), and a plain value is captured into a new datum whose value the {@link DataStore}
 * keeps. It owns what a capture needs to stay sequential: an object passed again before the next
 * sync point reuses its datum only while its content is unchanged, so a program that modifies an
 * array between two submissions gets what a sequential run gives. Values larger than the inline
 * limit go to the work directory at once, so the driver never holds their bytes.
 */
final class Capture {
  private final TaskGraph graph;
  private final DataStore store;
  private final FileData files;
  private final Handles handles;
  private final Path sessionDir;
  private final long inlineLimit;

  /** Plain values captured since the last sync point, with what they held then. */
  private final Map<Object, Captured> captured = new IdentityHashMap<>();

  /** Bytes of large program values written to the work directory since the last sync point. */
  private long writtenBytes;

  /** Names captured values by content when the run is checkpointed; else null. */
  private Identities identities;

  /** A plain value's datum and the fingerprint of its content when it was captured. */
  private record Captured(long datum, long fingerprint) {}

  Capture(
      TaskGraph graph,
      DataStore store,
      FileData files,
      Handles handles,
      Path sessionDir,
      long inlineLimit) {
    this.graph = graph;
    this.store = store;
    this.files = files;
    this.handles = handles;
    this.sessionDir = sessionDir;
    this.inlineLimit = inlineLimit;
  }

  /**
   * The data ids of one call's arguments; {@code args[i]} is a datum id when {@code isFuture[i]}.
   */
  long[] arguments(TaskFunction function, Object[] args, boolean[] isFuture) {
    long[] ids = new long[args.length];
    for (int i = 0; i < args.length; i++) {
      Direction dir = function.direction(i);
      if (dir.isFile()) {
        if (isFuture[i]) {
          throw new IllegalArgumentException(
              dir
                  + " parameter "
                  + function.paramName(i)
                  + " of task "
                  + function.displayName()
                  + " takes a file path (String or Path); got TaskFuture");
        }
        ids[i] = files.datum(args[i], function, i);
      } else if (isFuture[i]) {
        ids[i] = (Long) args[i];
        String what = "argument " + function.paramName(i) + " of task " + function.displayName();
        handles.checkUsable(ids[i], what);
        if (dir.reads()) { // an OUT parameter gets a fresh value: what its writer lost is not read
          Missing.checkExists(store, graph.latest(ids[i]), what + " was not computed");
        }
      } else if (dir != Direction.IN) {
        throw new IllegalArgumentException(
            "parameter "
                + function.paramName(i)
                + " of task "
                + function.displayName()
                + " is "
                + dir
                + ": pass a TaskFuture from put(value) so the update can be read back");
      } else {
        ids[i] = capture(args[i], function, i);
      }
    }
    return ids;
  }

  /** From now on, captured values are named by content too ({@code --checkpoint}). */
  void nameByContent(Identities names) {
    this.identities = names;
  }

  /** Registers a program value as a new datum ({@code put}); returns its id. */
  long put(Object value) {
    return supply(value, "put");
  }

  /** A sync point took the pending tasks: later submissions capture their values anew. */
  void forgetCaptures() {
    captured.clear();
  }

  /** Bytes written to the work directory since the last call. */
  long takeWrittenBytes() {
    long bytes = writtenBytes;
    writtenBytes = 0;
    return bytes;
  }

  private long capture(Object value, TaskFunction function, int param) {
    String what = "argument " + function.paramName(param) + " of task " + function.displayName();
    String mismatch = mismatch(function, param, value);
    if (mismatch != null) {
      throw new IllegalArgumentException(what + " " + mismatch);
    }
    Captured known = value == null ? null : captured.get(value);
    long fingerprint = Fingerprint.immutable(value) ? 0 : fingerprint(value, what);
    if (known != null && known.fingerprint() == fingerprint) {
      return known.datum();
    }
    long id = supply(value, what);
    if (value != null) {
      captured.put(value, new Captured(id, fingerprint));
    }
    handles.unheld(id);
    return id;
  }

  /**
   * Why a plain value cannot be passed to the parameter (a raw type or an unchecked cast got past
   * javac), or null; a String for a Path parameter is made a Path when the task runs.
   */
  private static String mismatch(TaskFunction function, int param, Object value) {
    Method method = function.method(Capture.class.getClassLoader());
    if (value instanceof String && method.getParameterTypes()[param] == Path.class) {
      return null;
    }
    return ArgumentTypes.mismatch(method, param, value);
  }

  private static long fingerprint(Object value, String what) {
    try {
      return Fingerprint.of(value);
    } catch (IOException e) {
      throw Unserializable.refusal(value, what, e);
    }
  }

  /**
   * Registers a captured value: small ones as their encoding, larger ones written to the work
   * directory at once (only the file is remembered).
   */
  private long supply(Object value, String what) {
    long size = ValueCoder.encodedSizeIfKnown(value);
    byte[] encoded = size > inlineLimit ? null : encode(value, what);
    long id = graph.supply();
    String key = graph.latest(id).key();
    byte[] digest; // the SHA-256 of the encoding, for a checkpointed run's identities
    if (encoded != null && encoded.length <= inlineLimit) {
      store.put(key, DriverValue.inline(encoded));
      digest = identities == null ? null : WorkDir.sha256().digest(encoded);
    } else {
      Written written =
          encoded == null
              ? writeInput(key, size, file -> WorkDir.writeValue(file, key, value, size))
              : writeInput(key, encoded.length, file -> WorkDir.writeEncoded(file, key, encoded));
      store.put(key, written.value());
      digest = written.digest();
    }
    if (identities != null) {
      identities.supplied(graph.latest(id), digest);
    }
    return id;
  }

  /**
   * A program value written to the file the plan reads it from: its store entry, and the SHA-256 of
   * its encoding (computed for the file's seal: naming the value costs no second pass).
   */
  private record Written(DriverValue value, byte[] digest) {}

  /** Writes a program value to the file the compiler expects for {@code key}; counts it. */
  private Written writeInput(String key, long bytes, Function<Path, byte[]> write) {
    Path file = PlanCompiler.inputFile(sessionDir.toString(), key);
    byte[] digest = write.apply(file);
    writtenBytes += bytes;
    return new Written(DriverValue.stored(new StoredRef(file.toString(), key)), digest);
  }

  private static byte[] encode(Object value, String what) {
    try {
      return ValueCoder.toBytes(value);
    } catch (IOException e) {
      throw Unserializable.refusal(value, what, e);
    }
  }
}
