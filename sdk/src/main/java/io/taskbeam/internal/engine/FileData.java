package io.taskbeam.internal.engine;

import io.taskbeam.Direction;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Files passed to FILE_IN, FILE_OUT and FILE_INOUT parameters, one datum per absolute path. The
 * datum's value is the path itself; its versions order the tasks that touch the file: a writer
 * makes the next version, so later readers depend on it, and writers take the current version as
 * input, so writes of one file run in submission order. A writer submitted while readers of the
 * current version are pending renames, as COMPSs does: the file as it is now is copied into the
 * session's work directory and those readers read the copy, so the writer may overwrite the file at
 * once. (When that version is itself still to be written by a pending task, there is nothing to
 * copy yet: the session makes the pending tasks a job before it takes the writer, see {@link
 * #overtakes}.)
 */
final class FileData {
  private final TaskGraph graph;
  private final DataStore store;
  private final Map<String, Long> byPath = new HashMap<>();

  /** The data that are files: their path is their value, reachable by name at any time. */
  private final Set<Long> fileData = new HashSet<>();

  private final Path sessionDir;

  /**
   * Versions of files as the program left them (no task writes them) that pending tasks read: the
   * file's stamp when the first of them was submitted, by version key.
   */
  private final Map<String, String> stamps = new HashMap<>();

  /** Whether a job still to end writes a version (by key): that file will exist. */
  private Predicate<String> computed = key -> false;

  FileData(TaskGraph graph, DataStore store, Path sessionDir) {
    this.graph = graph;
    this.store = store;
    this.sessionDir = sessionDir;
  }

  /** Tells which versions jobs still to end will write ({@code --pipelined}). */
  void computedBy(Predicate<String> beingComputed) {
    this.computed = beingComputed;
  }

  /** The absolute, normalized form of a path the program passed. */
  static String key(Object arg, String what) {
    Path path;
    if (arg instanceof Path p) {
      path = p;
    } else if (arg instanceof String s && !s.isEmpty()) {
      path = Path.of(s);
    } else {
      throw new IllegalArgumentException(
          what
              + " takes a file path (String or Path); got "
              + (arg == null
                  ? "null"
                  : arg instanceof String ? "an empty string" : arg.getClass().getSimpleName()));
    }
    return path.toAbsolutePath().normalize().toString();
  }

  /** The datum of a file tasks have used, or null. */
  Long known(String key) {
    return byPath.get(key);
  }

  /** Forgets the file (deleted by the program); its datum goes when nothing pending uses it. */
  Long forget(String key) {
    Long id = byPath.remove(key);
    if (id != null) {
      fileData.remove(id);
    }
    return id;
  }

  /** Whether {@code datum} is a file the program still names: its versions stay stored. */
  boolean isFile(long datum) {
    return fileData.contains(datum);
  }

  /**
   * Whether the call writes a file that pending tasks read in a version a pending task, or a job
   * still to end ({@code --pipelined}), writes: it must not run before those reads, and that
   * content cannot be copied aside yet (it may not exist), so the pending tasks must become a job
   * first (see {@code SyncPoints.flushForFiles}).
   */
  boolean overtakes(TaskFunction fn, Object[] args, boolean[] isFuture) {
    for (int i = 0; i < args.length; i++) {
      Direction dir = fn.direction(i);
      if (dir.isFile() && dir.writes() && !isFuture[i] && args[i] != null) {
        Long id = byPath.get(key(args[i], dir + " parameter " + fn.paramName(i)));
        if (id != null) {
          DataVersion current = graph.latest(id);
          boolean unwritten = current.producer() != null || computed.test(current.key());
          if (unwritten && !current.readers().isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The datum of the file {@code arg} (a String or Path) passed as parameter {@code param}. */
  long datum(Object arg, TaskFunction fn, int param) {
    Direction dir = fn.direction(param);
    String what = dir + " parameter " + fn.paramName(param) + " of task " + fn.displayName();
    String key = key(arg, what);
    Long id = byPath.get(key);
    if (id == null) {
      id = graph.supply();
      store.put(graph.latest(id).key(), DriverValue.inline(encode(key)));
      byPath.put(key, id);
      fileData.add(id);
    }
    DataVersion current = graph.latest(id);
    DataStore.Lost lost = store.lost(current.key());
    if (lost != null && dir != Direction.FILE_OUT) {
      throw new TaskCancelledException(
          lost.task(), "file " + key + " (" + what + ") was not written: " + lost.reason());
    } else if (lost != null) {
      // its writer was cancelled; this one does not read the content: it writes the file afresh
      store.put(current.key(), DriverValue.inline(encode(key)));
    }
    if (dir != Direction.FILE_OUT && current.producer() == null && !computed.test(current.key())) {
      if (!Files.exists(Path.of(key))) {
        throw new IllegalArgumentException(
            "file "
                + key
                + " ("
                + what
                + ") does not exist: "
                + "create it first, or submit a task that writes it as FILE_OUT before this one");
      }
      if (Files.isDirectory(Path.of(key))) {
        throw new IllegalArgumentException(key + " (" + what + ") is a directory: pass a file");
      }
    }
    if (current.producer() == null && !computed.test(current.key())) {
      // the file as the program left it: what the pending readers of this version must see
      String stamp = current.readers().isEmpty() ? null : stamps.get(current.key());
      if (stamp != null && !stamp.equals(stamp(key))) {
        throw changed(key, current.readers());
      }
      if (stamp == null && dir != Direction.FILE_OUT) {
        stamps.put(current.key(), stamp(key));
      }
    }
    List<TaskNode> readers = current.readers();
    if (dir.writes()
        && !readers.isEmpty()
        && current.producer() == null
        && !computed.test(current.key())) {
      keepForReaders(current, key); // (a job in flight may not have written it yet: no copy)
    } else if (dir.writes() && !readers.isEmpty()) {
      throw new IllegalStateException(
          "task "
              + fn.displayName()
              + " would overwrite file "
              + key
              + " while "
              + readers.size()
              + " submitted task(s) still read it (first: "
              + readers.get(0)
              + "): call barrier() before writing a file that pending tasks read");
    }
    return id;
  }

  /**
   * Before a job takes {@code tasks}: throws when a file they read as the program left it has
   * changed since they were submitted (the program rewrote it before a sync point), since a
   * sequential run would have given them the content they were submitted with. Forgets those files'
   * stamps: readers submitted later see the file as it is then.
   */
  void checkUnchanged(List<TaskNode> tasks) {
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        DataVersion v = t.input(i);
        Direction dir = t.function().direction(i);
        if (v != null && (dir == Direction.FILE_IN || dir == Direction.FILE_INOUT)) {
          String stamp = stamps.get(v.key());
          String path = pathOf(v.datum());
          if (stamp != null && path != null && !stamp.equals(stamp(path))) {
            throw changed(path, List.of(t));
          }
        }
      }
    }
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.input(i) != null) {
          stamps.remove(t.input(i).key());
        }
      }
    }
  }

  private String pathOf(long datum) {
    for (Map.Entry<String, Long> e : byPath.entrySet()) {
      if (e.getValue() == datum) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Size, modification time and file key: what changes when a program rewrites the file. */
  private static String stamp(String path) {
    try {
      BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
      return a.size() + "/" + a.lastModifiedTime().toInstant() + "/" + a.fileKey();
    } catch (IOException e) {
      return "missing";
    }
  }

  private static IllegalStateException changed(String path, List<TaskNode> readers) {
    return new IllegalStateException(
        "file "
            + path
            + " changed after "
            + (readers.isEmpty() ? "a task" : "task " + readers.get(0))
            + " was submitted to read it and before it ran, so it would read the new content: "
            + "call barrier() (or waitOn) before the program rewrites a file submitted tasks read");
  }

  /**
   * Renames: copies the file as it is now into the work directory and makes the pending readers'
   * version name the copy, so the writer submitted now cannot change what they read.
   */
  private void keepForReaders(DataVersion current, String key) {
    Path copy =
        sessionDir.resolve("files").resolve(current.key() + "-" + Path.of(key).getFileName());
    try {
      Files.createDirectories(copy.getParent());
      Files.copy(Path.of(key), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep a copy of "
              + key
              + " for the "
              + current.readers().size()
              + " pending task(s) that read it: "
              + e.getMessage(),
          e);
    }
    store.put(current.key(), DriverValue.inline(encode(copy.toString())));
    stamps.remove(current.key()); // the readers read the copy now
    store.put(graph.renew(current.datum()).key(), DriverValue.inline(encode(key)));
  }

  /**
   * Moves the files under {@code from} (what external programs printed, left by the workers in the
   * work directory) into {@code to}, in the run directory; nothing when there are none.
   */
  static void moveTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (var files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.move(
            f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the output of external programs from "
              + from
              + " to "
              + to
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static byte[] encode(String path) {
    try {
      return ValueCoder.toBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
