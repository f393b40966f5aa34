package io.taskbeam.internal.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's own folder, {@code <runsDir>/<app>_NN} (NN counts up from 01, as COMPSs'
 * {@code <app>_NN}), kept apart from the work directory: the work directory holds data and is
 * deleted at the end; the run directory holds what a person reads afterwards. File names inside
 * are fixed (see the constants).
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
      throw new IllegalArgumentException("--runsDir=" + runsDir + ": cannot create a run "
          + "directory there (" + e.getMessage() + "); give a writable folder, or "
          + "--observe=false", e);
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
      Files.writeString(file(LOG), LocalDateTime.now().format(TIME) + " " + line + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
