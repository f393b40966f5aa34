package io.taskbeam.internal.engine;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import io.taskbeam.internal.data.DataStore;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.plan.PlanCompiler;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the rooms of a session share: the graph of data and pending tasks, the store of their
 * values, the files and handles the program holds, how arguments are captured, and the session's
 * options and directories. One per session, made by {@link Session}; it holds state, no logic.
 */
final class SessionParts {
  private final TaskBeamOptions options;
  private final CheckpointPolicy checkpoints;
  private final Path sessionDir;
  private final TaskGraph graph = new TaskGraph();
  private final DataStore store = new DataStore();
  private final Handles handles = new Handles();
  private final FileData files;
  private final Capture capture;
  private final TaskGroups groups;
  private final Supplier<Path> runDirectory;

  SessionParts(
      TaskBeamOptions options,
      CheckpointPolicy checkpoints,
      Path sessionDir,
      Supplier<Path> runDirectory) {
    this.options = options;
    this.checkpoints = checkpoints;
    this.sessionDir = sessionDir;
    this.runDirectory = runDirectory;
    this.files = new FileData(graph, store, sessionDir);
    this.capture =
        new Capture(graph, store, files, handles, sessionDir, options.getInlineLimitBytes());
    this.groups = new TaskGroups(graph, store);
  }

  TaskGroups groups() {
    return groups;
  }

  TaskBeamOptions options() {
    return options;
  }

  /** {@code --checkpoint}, parsed once at the session's start. */
  CheckpointPolicy checkpointPolicy() {
    return checkpoints;
  }

  /** The session's work directory: program values, results, events. */
  Path sessionDir() {
    return sessionDir;
  }

  /** Where the run's reports go (asked of the observer, which makes it). */
  Path runDirectory() {
    return runDirectory.get();
  }

  TaskGraph graph() {
    return graph;
  }

  DataStore store() {
    return store;
  }

  Handles handles() {
    return handles;
  }

  FileData files() {
    return files;
  }

  Capture capture() {
    return capture;
  }

  /** The compiler's settings for sync point {@code sync} on {@code parallelism} workers. */
  PlanCompiler.Settings settings(int parallelism, int sync, String eventDir) {
    return new PlanCompiler.Settings(
        parallelism,
        options.getChunksPerWorker(),
        options.getInlineLimitBytes(),
        sessionDir.toString(),
        sync,
        options.getFuseChains(),
        eventDir);
  }
}
