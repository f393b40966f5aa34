package io.taskbeam.internal.engine;

import io.taskbeam.TaskCancelledException;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The program's side of a sync point: {@code waitOn} runs what the data need (a sync point when one
 * of them is still pending; else it waits only for the jobs computing them, or not at all) and
 * reads their values back, several from one bundle file at once; {@code waitOnFile} and {@code
 * deleteFile} do the same for files; {@code delete} drops a datum. A value that will never exist is
 * reported as {@link Missing} says.
 */
final class Waits {
  private final SessionParts parts;
  private final SyncPoints syncPoints;

  Waits(SessionParts parts, SyncPoints syncPoints) {
    this.parts = parts;
    this.syncPoints = syncPoints;
  }

  /**
   * The values of {@code data}, in order, once they exist: runs the pending tasks when one of them
   * is still pending, waits for the jobs computing them, or starts nothing.
   */
  List<Object> waitOn(List<Long> data) {
    TaskGraph graph = parts.graph();
    List<DataVersion> versions = new ArrayList<>(data.size());
    for (long datum : data) {
      parts.handles().checkUsable(datum, "d" + datum);
      versions.add(graph.latest(datum));
    }
    parts.handles().pin(data);
    try {
      syncPoints.await(versions);
      return fetch(versions);
    } finally {
      parts.handles().unpin(data);
    }
  }

  /**
   * The file as its last writer among the submitted tasks left it (COMPSs {@code
   * compss_wait_on_file}): runs the pending tasks first when one of them writes it.
   */
  Path waitOnFile(Object path) {
    String key = FileData.key(path, "waitOnFile");
    Long id = parts.files().known(key);
    if (id != null) {
      syncPoints.await(List.of(parts.graph().latest(id)));
      DataVersion v = parts.graph().latest(id);
      Missing.checkExists(parts.store(), v, "file " + key + " was not written");
      DriverValue held = parts.store().get(v.key());
      Object value =
          held == null
              ? null
              : held.stored() != null
                  ? WorkDir.readAll(held.stored().path(), Set.of(v.key())).get(v.key())
                  : decode(held.inline());
      if (value instanceof FailedValue failed) { // its writer failed under CANCEL_SUCCESSORS
        throw new TaskCancelledException(
            failed.failedTask(), "file " + key + " was not written because " + failed.message());
      }
    }
    return Path.of(key);
  }

  /**
   * Deletes a file tasks use (COMPSs {@code compss_delete_file}): first runs the pending tasks that
   * read or write it, then removes it from disk and from the session.
   */
  void deleteFile(Object path) {
    String key = FileData.key(path, "deleteFile");
    Long id = parts.files().known(key);
    if (id != null) {
      DataVersion v = parts.graph().latest(id);
      if (v.producer() != null || !v.readers().isEmpty() || syncPoints.jobsRunning()) {
        syncPoints.runAll(); // a job running may still read the file
      }
      parts.files().forget(key);
      parts.handles().forget(id);
    }
    try {
      Files.deleteIfExists(Path.of(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops a datum (COMPSs {@code compss_delete_object}): its future can no longer be used, and its
   * value goes once the pending tasks that read it have run.
   */
  void delete(long datum) {
    parts.handles().delete(datum, "d" + datum);
  }

  private List<Object> fetch(List<DataVersion> versions) {
    DataStore store = parts.store();
    Map<String, Set<String>> byFile = new LinkedHashMap<>();
    List<DriverValue> held = new ArrayList<>(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      DataVersion v = versions.get(i);
      Missing.checkExists(store, v, waited(i, versions.size()) + " was not computed");
      DriverValue value = store.get(v.key());
      if (value == null) {
        throw new IllegalStateException("value " + v.key() + " is not held by this session");
      }
      held.add(value);
      if (value.stored() != null) {
        byFile.computeIfAbsent(value.stored().path(), p -> new HashSet<>()).add(v.key());
      }
    }
    Map<String, Object> loaded = new HashMap<>();
    byFile.forEach((path, keys) -> loaded.putAll(WorkDir.readAll(path, keys)));
    List<Object> values = new ArrayList<>(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      DataVersion v = versions.get(i);
      DriverValue h = held.get(i);
      Object value = h.stored() != null ? loaded.get(v.key()) : decode(h.inline());
      if (value instanceof FailedValue failed) {
        throw Missing.failed(waited(i, versions.size()), failed);
      }
      values.add(value);
    }
    return values;
  }

  /** The {@code i}th of {@code n} values waited on, in the program's words. */
  private static String waited(int i, int n) {
    return n == 1 ? "the value waited on" : "value " + (i + 1) + " of the " + n + " waited on";
  }

  private static Object decode(byte[] bytes) {
    try {
      return ValueCoder.fromBytes(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a program-supplied value", e);
    }
  }
}
