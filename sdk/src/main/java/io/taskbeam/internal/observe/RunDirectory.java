package io.taskbeam.internal.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's own folder, {@code <runsDir>/<app>_NN} (NN counts up from 01, as COMPSs' {@code
 * <app>_NN}), kept apart from the work directory: the work directory holds data and is deleted at
 * the end; the run directory holds what a person reads afterwards. File names inside are fixed (see
 * the constants).
 */
public final class RunDirectory {
  public static final String LOG = "run.log";
  public static final String GRAPH_DOT = "graph.dot";
  public static final String GRAPH_SVG = "graph.svg";
  public static final String PLAN_DOT = "plan.dot";
  public static final String TRACE_JSON = "trace.json";
  public static final String TRACE_PRV = "trace.prv";
  public static final String TRACE_PCF = "trace.pcf";
  public static final String TRACE_ROW = "trace.row";
  public static final String REPORT = "report.html";

  private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9._-]+_\\d+");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates the next free {@code <app>_NN} under {@code runsDir}. */
  public static RunDirectory create(Path runsDir, String app) {
    String prefix = safe(app) + "_";
    try {
      Files.createDirectories(runsDir);
      int next = highest(runsDir, prefix) + 1;
      while (true) {
        Path dir = runsDir.resolve(prefix + (next < 10 ? "0" + next : Integer.toString(next)));
        try {
          Files.createDirectory(dir);
          return new RunDirectory(dir.toAbsolutePath());
        } catch (FileAlreadyExistsException taken) {
          next++;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--runsDir="
              + runsDir
              + ": cannot create a run "
              + "directory there ("
              + e.getMessage()
              + "); give a writable folder, or "
              + "--observe=false",
          e);
    }
  }

  /**
   * Deletes the oldest run directories under {@code runsDir} (by the time their {@value #LOG} was
   * last written) so that at most {@code keep} remain, {@code current} (the run just created) being
   * one of them; 0 keeps all. Only folders named {@code <name>_NN} that hold a {@value #LOG} count:
   * nothing else in the folder is touched.
   *
   * @return the deleted directories
   */
  public static List<Path> prune(Path runsDir, int keep, Path current) {
    if (keep <= 0) {
      return List.of();
    }
    int keepOthers = keep - 1;
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> entries = Files.list(runsDir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (RUN_NAME.matcher(p.getFileName().toString()).matches()
            && !p.toAbsolutePath().equals(current.toAbsolutePath())
            && Files.isRegularFile(p.resolve(LOG), LinkOption.NOFOLLOW_LINKS)) {
          runs.add(p);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    if (runs.size() <= keepOthers) {
      return List.of();
    }
    runs.sort(Comparator.comparing(RunDirectory::lastWritten).reversed());
    List<Path> deleted = new ArrayList<>();
    for (Path old : runs.subList(keepOthers, runs.size())) {
      try {
        deleteTree(old);
        deleted.add(old);
      } catch (IOException e) {
        // in use or not ours: left for the next run
      }
    }
    return deleted;
  }

  /**
   * Deletes {@code dir} and what it holds. Another program of the same name starting at the same
   * moment prunes the same runs: what it deletes first is no error here (a {@code Files.walk} threw
   * {@code UncheckedIOException} out of the session's start for it).
   */
  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static FileTime lastWritten(Path run) {
    try {
      return Files.getLastModifiedTime(run.resolve(LOG));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  public Path path() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Appends a time-stamped line to {@code run.log}. */
  public synchronized void log(String line) {
    try {
      Files.writeString(
          file(LOG),
          LocalDateTime.now().format(TIME) + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(LOG), e);
    }
  }

  public void write(String name, String content) {
    try {
      Files.writeString(file(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(name), e);
    }
  }

  private static int highest(Path runsDir, String prefix) throws IOException {
    Pattern numbered = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
    int highest = 0;
    try (Stream<Path> entries = Files.list(runsDir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Matcher m = numbered.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).length() < 9) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    return highest;
  }

  private static String safe(String app) {
    String s = app.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() ? "run" : s;
  }
}
