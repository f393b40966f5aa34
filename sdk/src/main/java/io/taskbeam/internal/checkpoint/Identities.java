package io.taskbeam.internal.checkpoint;

import io.taskbeam.Direction;
import io.taskbeam.FailurePolicy;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What each version is, by content, so that a task of a later run can be recognized as one an
 * earlier run finished: a program value by the SHA-256 of its encoding, a program file by its path
 * and the SHA-256 of its content, a task's output by the task's identity and the output's place. A
 * task's identity is its method, a digest of its class's bytes (a changed task is a new task), its
 * parameter directions, and the identities of what it reads.
 *
 * <p>Some tasks have none, and so neither have their outputs nor anything computed from them: a
 * task that writes files (the journal cannot give a file back), a task whose failure policy lets it
 * end without a result, and a task reading a version without identity (a file renamed into the work
 * directory, say). These run again on resume. A COMMUTATIVE update is named as an INOUT one, in
 * submission order: its group may run in another order, but by contract the order does not change
 * the result, and only a group's last version is ever kept. The identities live on the versions and
 * tasks themselves: what the graph forgets, this forgets (they were in weak maps, whose entries and
 * lookups cost about 8% of the driver's time for tiny tasks).
 */
public final class Identities {
  private final Map<String, byte[]> classDigests = new HashMap<>();

  /** Hex of an identity, for journals and messages. */
  public static String hex(byte[] identity) {
    return HexFormat.of().formatHex(identity);
  }

  /** A program value's version, from the SHA-256 of its encoding. */
  public void supplied(DataVersion v, byte[] encodingDigest) {
    MessageDigest md = WorkDir.sha256();
    md.update((byte) 'V');
    md.update(encodingDigest);
    v.identify(md.digest());
  }

  /**
   * A program file's version, from its path and content now; no identity when it cannot be read
   * (its readers then run again on resume).
   */
  public void file(DataVersion v, String path) {
    MessageDigest md = WorkDir.sha256();
    md.update((byte) 'F');
    md.update(path.getBytes(StandardCharsets.UTF_8));
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      return;
    }
    v.identify(md.digest());
  }

  /** The identity of {@code v}, or null when it has none. */
  public byte[] of(DataVersion v) {
    return v == null ? null : v.identity();
  }

  /** Forgets the identity of {@code t}: it ran, and its journal record is written. */
  public void forget(TaskNode t) {
    t.identify(null);
  }

  /** The identity of a submitted task, or null when it has none. */
  public byte[] of(TaskNode t) {
    return t.identity();
  }

  /**
   * A task was submitted: gives it and its outputs their identities when it can have one (see the
   * class comment). Call before the task's result is split.
   */
  public void submitted(TaskNode t) {
    TaskFunction fn = t.function();
    if (fn.policy() != FailurePolicy.FAIL && fn.policy() != FailurePolicy.RETRY) {
      return;
    }
    byte[] code = classDigest(fn);
    if (code == null) {
      return;
    }
    MessageDigest md = WorkDir.sha256();
    md.update((byte) 'T');
    md.update(fn.id().getBytes(StandardCharsets.UTF_8));
    md.update(code);
    for (int i = 0; i < fn.arity(); i++) {
      Direction dir = fn.direction(i);
      if (dir == Direction.FILE_OUT || dir == Direction.FILE_INOUT) {
        return;
      }
      md.update((byte) dir.ordinal());
      if (t.input(i) != null) {
        byte[] in = of(t.input(i));
        if (in == null) {
          return;
        }
        md.update(in);
      }
    }
    byte[] id = md.digest();
    t.identify(id);
    for (int i = 0; i < fn.arity(); i++) {
      if (t.output(i) != null) {
        t.output(i).identify(output(id, 'O', i));
      }
    }
    if (t.result() != null) {
      t.result().identify(output(id, 'R', 0));
    }
  }

  /** The task's result was split: each part gets an identity of its own. */
  public void split(TaskNode t) {
    byte[] id = t.identity();
    if (id == null) {
      return;
    }
    List<DataVersion> parts = t.parts();
    for (int i = 0; i < parts.size(); i++) {
      parts.get(i).identify(output(id, 'P', i));
    }
  }

  private static byte[] output(byte[] task, char kind, int place) {
    MessageDigest md = WorkDir.sha256();
    md.update(task);
    md.update((byte) kind);
    md.update(new byte[] {(byte) (place >>> 24), (byte) (place >>> 16), (byte) (place >>> 8)});
    md.update((byte) place);
    return md.digest();
  }

  /** The SHA-256 of the bytes of the class declaring the task, or null when they cannot be read. */
  private byte[] classDigest(TaskFunction fn) {
    String className = fn.id().substring(0, Math.max(0, fn.id().indexOf('#')));
    return classDigests.computeIfAbsent(
        className, name -> code(fn.method(Identities.class.getClassLoader()).getDeclaringClass()));
  }

  /**
   * The SHA-256 of the bytes {@code type} was loaded from (its class file, as its loader serves
   * it), or null when they cannot be read: a recompiled class has other bytes.
   */
  static byte[] code(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader();
    try (InputStream in =
        loader == null
            ? ClassLoader.getSystemResourceAsStream(resource)
            : loader.getResourceAsStream(resource)) {
      return in == null ? null : WorkDir.sha256().digest(in.readAllBytes());
    } catch (IOException e) {
      return null;
    }
  }
}
