package io.taskbeam.internal.observe;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run directory's {@value #FILE}: the whole stack trace of every failure the driver reported in
 * one line on stderr (a failed sync point, a lost TaskManager recovered from), appended with the
 * time and what it was, so that the console stays short and nothing of the trace is lost. The code
 * that reports such a failure knows its session's work directory, not the run directory, so a
 * session's {@link RunObserver} registers one for the other while it runs. A failure rebuilt for
 * the program (a task's failure out of a runner's job failure) can name the exception it came from
 * ({@link #withOrigin}), whose trace is then the one written.
 */
public final class FailureLog {
  /** The file's name in the run directory. */
  public static final String FILE = "failures.txt";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final Map<Path, Path> RUN_DIRS = new ConcurrentHashMap<>();
  private static final Map<Throwable, Throwable> ORIGINS =
      Collections.synchronizedMap(new WeakHashMap<>()); // Throwable: identity equality

  /** Returns {@code reported}, noting that {@code origin} holds its whole trace. */
  public static <T extends Throwable> T withOrigin(T reported, Throwable origin) {
    ORIGINS.put(reported, origin);
    return reported;
  }

  private FailureLog() {}

  /** From now on the failures of the session in {@code sessionDir} go to {@code runDir}. */
  static void follow(Path sessionDir, Path runDir) {
    RUN_DIRS.put(sessionDir.toAbsolutePath(), runDir);
  }

  /** The session ended: its failures have nowhere to go any more. */
  static void unfollow(Path sessionDir) {
    RUN_DIRS.remove(sessionDir.toAbsolutePath());
  }

  /**
   * Appends {@code what} and the stack trace of {@code failure} to the {@value #FILE} of the run of
   * the session in {@code sessionDir}; returns the file, or null when that session has no run
   * directory ({@code --observe=false}) or the file could not be written.
   */
  public static Path append(Path sessionDir, String what, Throwable failure) {
    Path runDir = RUN_DIRS.get(sessionDir.toAbsolutePath());
    return runDir == null ? null : appendTo(runDir.resolve(FILE), what, failure);
  }

  /** Appends to {@code file} directly; null when it could not be written. */
  static Path appendTo(Path file, String what, Throwable failure) {
    StringWriter trace = new StringWriter();
    trace.append(LocalDateTime.now().format(TIME)).append(' ').append(what).append('\n');
    Throwable origin = ORIGINS.get(failure);
    (origin == null ? failure : origin).printStackTrace(new PrintWriter(trace, true));
    trace.append('\n');
    try {
      Files.writeString(
          file,
          trace.toString(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return file;
    } catch (IOException e) {
      return null;
    }
  }
}
