package io.taskbeam.internal.engine;

import io.taskbeam.Direction;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files passed to FILE_IN, FILE_OUT and FILE_INOUT parameters, one datum per absolute path. The
 * datum's value is the path itself; its versions order the tasks that touch the file: a writer
 * makes the next version, so later readers depend on it, and writers take the current version
 * as input, so writes of one file run in submission order. A writer submitted while readers of
 * the current version are pending is refused, since nothing would stop it overwriting the file
 * under them.
 */
final class FileData {
  private final TaskGraph graph;
  private final DataStore store;
  private final Map<String, Long> byPath = new HashMap<>();

  FileData(TaskGraph graph, DataStore store) {
    this.graph = graph;
    this.store = store;
  }

  /** The datum of the file {@code arg} (a String or Path) passed as parameter {@code param}. */
  long datum(Object arg, TaskFunction fn, int param) {
    Direction dir = fn.direction(param);
    String what = dir + " parameter " + fn.paramName(param) + " of task " + fn.displayName();
    Path path;
    if (arg instanceof Path p) {
      path = p;
    } else if (arg instanceof String s && !s.isEmpty()) {
      path = Path.of(s);
    } else {
      throw new IllegalArgumentException(what + " takes a file path (String or Path); got "
          + (arg == null ? "null" : arg instanceof String ? "an empty string"
          : arg.getClass().getSimpleName()));
    }
    String key = path.toAbsolutePath().normalize().toString();
    Long id = byPath.get(key);
    if (id == null) {
      id = graph.supply();
      store.put(graph.latest(id).key(), DriverValue.inline(encode(key)));
      byPath.put(key, id);
    }
    DataVersion current = graph.latest(id);
    if (dir != Direction.FILE_OUT && current.producer() == null) {
      if (!Files.exists(Path.of(key))) {
        throw new IllegalArgumentException("file " + key + " (" + what + ") does not exist: "
            + "create it first, or submit a task that writes it as FILE_OUT before this one");
      }
      if (Files.isDirectory(Path.of(key))) {
        throw new IllegalArgumentException(key + " (" + what + ") is a directory: pass a file");
      }
    }
    List<TaskNode> readers = current.readers();
    if (dir.writes() && !readers.isEmpty()) {
      throw new IllegalStateException("task " + fn.displayName() + " would overwrite file "
          + key + " while " + readers.size() + " submitted task(s) still read it (first: "
          + readers.get(0) + "): call barrier() before writing a file that pending tasks read");
    }
    return id;
  }

  private static byte[] encode(String path) {
    try {
      return ValueCoder.toBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
