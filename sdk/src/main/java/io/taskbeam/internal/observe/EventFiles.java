package io.taskbeam.internal.observe;

import io.taskbeam.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files through which workers tell the driver what ran, in the work directory next to the
 * result bundles: per sync point a folder {@code observe/sync<N>} with, per chunk,
 *
 * <ul>
 *   <li>{@code s<S>-c<C>.status}: one line rewritten while the chunk runs (tasks done, failed,
 *       retried, the task running now), for live progress and the running-task gauge;
 *   <li>{@code s<S>-c<C>.<pid>.<thread>.<start>.run}: written once when the chunk ends, one line
 *       for the chunk (where and when it ran, bytes read and written, shared-cache hits and misses)
 *       and one per task call; a retried chunk leaves one per attempt.
 * </ul>
 *
 * <p>Tab-separated text; each file is written under a temporary name and renamed into place, so the
 * driver never reads half a file.
 */
public final class EventFiles {
  static final String RUN_SUFFIX = ".run";
  static final String STATUS_SUFFIX = ".status";
  private static final String NONE = "-";

  private EventFiles() {}

  /** The folder of sync point {@code sync} under a session's work directory. */
  public static Path syncDir(Path sessionDir, int sync) {
    return sessionDir.resolve("observe").resolve("sync" + sync);
  }

  /** The sync point number of a {@link #syncDir}. */
  static int syncOf(Path syncDir) {
    String name = syncDir.getFileName().toString();
    if (!name.startsWith("sync")) {
      throw new IllegalArgumentException("not a task event folder: " + syncDir);
    }
    return Integer.parseInt(name.substring(4));
  }

  static Path statusFile(Path dir, int stage, int chunk) {
    return dir.resolve("s" + stage + "-c" + chunk + STATUS_SUFFIX);
  }

  static Path runFile(Path dir, ChunkRun run) {
    return dir.resolve(
        "s"
            + run.stage()
            + "-c"
            + run.chunk()
            + "."
            + run.worker().pid()
            + "."
            + run.worker().threadId()
            + "."
            + run.startMicros()
            + RUN_SUFFIX);
  }

  /** A chunk's live state: counts so far, and the task running now (null between tasks). */
  public record Status(
      int stage,
      int chunk,
      String function,
      int done,
      int failed,
      int retried,
      String running,
      long runningSinceMicros) {}

  static void writeStatus(Path dir, Status s) {
    String line =
        String.join(
                "\t",
                s.function(),
                Integer.toString(s.done()),
                Integer.toString(s.failed()),
                Integer.toString(s.retried()),
                s.running() == null ? NONE : s.running(),
                Long.toString(s.runningSinceMicros()))
            + "\n";
    writeAtomically(statusFile(dir, s.stage(), s.chunk()), line);
  }

  static void writeRun(Path dir, ChunkRun run) {
    StringBuilder out = new StringBuilder();
    WorkerIdentity w = run.worker();
    out.append(
            String.join(
                "\t",
                "chunk",
                Integer.toString(run.sync()),
                Integer.toString(run.stage()),
                Integer.toString(run.chunk()),
                clean(w.host()),
                Long.toString(w.pid()),
                w.taskManager() == null ? NONE : clean(w.taskManager()),
                Integer.toString(w.subtask()),
                clean(w.thread()),
                Long.toString(w.threadId()),
                Long.toString(run.startMicros()),
                Long.toString(run.endMicros()),
                Long.toString(run.bytesRead()),
                Long.toString(run.bytesWritten()),
                Boolean.toString(run.complete()),
                Long.toString(run.cacheHits()),
                Long.toString(run.cacheMisses())))
        .append('\n');
    for (TaskRun t : run.tasks()) {
      out.append(
              String.join(
                  "\t",
                  "task",
                  t.task(),
                  t.function(),
                  Long.toString(t.startMicros()),
                  Long.toString(t.endMicros()),
                  t.outcome().name(),
                  Integer.toString(t.attempts())))
          .append('\n');
    }
    writeAtomically(runFile(dir, run), out.toString());
  }

  /** Every chunk run recorded in {@code dir}, in file-name order; none if it does not exist. */
  public static List<ChunkRun> readRuns(Path dir) {
    List<ChunkRun> runs = new ArrayList<>();
    for (Path file : list(dir, RUN_SUFFIX)) {
      runs.add(parseRun(file, read(file)));
    }
    return runs;
  }

  /** The chunk run files in {@code dir} so far, in name order; none if it does not exist. */
  public static List<Path> runFiles(Path dir) {
    return list(dir, RUN_SUFFIX);
  }

  /** One chunk run file (a {@link #runFiles} entry). */
  public static ChunkRun readRun(Path file) {
    return parseRun(file, read(file));
  }

  /** Every chunk status in {@code dir}; a file vanishing or being replaced is skipped. */
  public static List<Status> readStatuses(Path dir) {
    List<Status> statuses = new ArrayList<>();
    for (Path file : list(dir, STATUS_SUFFIX)) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException gone) {
        continue;
      }
      String name = file.getFileName().toString();
      String[] sc = name.substring(1, name.length() - STATUS_SUFFIX.length()).split("-c");
      String[] f = text.strip().split("\t");
      if (f.length != 6) {
        continue;
      }
      statuses.add(
          new Status(
              Integer.parseInt(sc[0]),
              Integer.parseInt(sc[1]),
              f[0],
              Integer.parseInt(f[1]),
              Integer.parseInt(f[2]),
              Integer.parseInt(f[3]),
              NONE.equals(f[4]) ? null : f[4],
              Long.parseLong(f[5])));
    }
    return statuses;
  }

  static ChunkRun parseRun(Path file, String text) {
    String[] lines = text.split("\n");
    String[] c = lines[0].split("\t", -1);
    // 17 fields; 15 in files written before the shared cache was counted
    if ((c.length != 17 && c.length != 15) || !"chunk".equals(c[0])) {
      throw new IllegalStateException("task event file " + file + " is malformed: " + lines[0]);
    }
    WorkerIdentity worker =
        new WorkerIdentity(
            c[4],
            Long.parseLong(c[5]),
            NONE.equals(c[6]) ? null : c[6],
            Integer.parseInt(c[7]),
            c[8],
            Long.parseLong(c[9]));
    List<TaskRun> tasks = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] t = lines[i].split("\t", -1);
      if (t.length != 7 || !"task".equals(t[0])) {
        throw new IllegalStateException(
            "task event file " + file + " has a malformed line " + (i + 1) + ": " + lines[i]);
      }
      tasks.add(
          new TaskRun(
              t[1],
              t[2],
              Long.parseLong(t[3]),
              Long.parseLong(t[4]),
              TaskOutcome.valueOf(t[5]),
              Integer.parseInt(t[6])));
    }
    return new ChunkRun(
        Integer.parseInt(c[1]),
        Integer.parseInt(c[2]),
        Integer.parseInt(c[3]),
        worker,
        Long.parseLong(c[10]),
        Long.parseLong(c[11]),
        Long.parseLong(c[12]),
        Long.parseLong(c[13]),
        c.length == 17 ? Long.parseLong(c[15]) : 0,
        c.length == 17 ? Long.parseLong(c[16]) : 0,
        Boolean.parseBoolean(c[14]),
        tasks);
  }

  private static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list task events in " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task events " + file, e);
    }
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ');
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write task events " + file + ": " + e.getMessage(), e);
    }
  }
}
