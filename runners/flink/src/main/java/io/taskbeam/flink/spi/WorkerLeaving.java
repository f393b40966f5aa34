package io.taskbeam.flink.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a TaskManager leaves a running taskbeam cluster without failing a task: files in the
 * cluster's run directory ({@link ClusterContract#RUN_DIR}), under {@code leaving/}, which the
 * launcher ({@code cluster remove-taskmanager}) and every driver of the cluster read. Flink 1.19's
 * standalone session cluster has no way to keep new tasks off one TaskManager, so the drivers, the
 * only ones who submit jobs, hold their next job instead:
 *
 * <ol>
 *   <li>a driver registers itself in {@code leaving/drivers/ID} for its session;
 *   <li>{@code remove-taskmanager} writes {@code leaving/NAME.leaving} (NAME: the TaskManager's
 *       resource id);
 *   <li>each driver, once it sees the marker, submits no new job, and when none of its jobs runs
 *       any more it writes {@code leaving/NAME.ack.ID};
 *   <li>once every registered driver answered and the TaskManager has no busy slot, it is stopped;
 *       when Flink no longer lists it, the marker and the answers are removed, and the drivers go
 *       on, planning their jobs for the slots that remain.
 * </ol>
 *
 * <p>Every wait is bounded on both sides: a driver that died leaves a registration nobody answers
 * for, and a drainer that died leaves a marker the drivers stop waiting for.
 */
public final class WorkerLeaving {
  /** The directory under the run directory. */
  public static final String DIR = "leaving";

  private static final String MARKER = ".leaving";
  private static final String ACK = ".ack.";

  private WorkerLeaving() {}

  /** {@code RUN/leaving}. */
  public static Path dir(Path runDir) {
    return runDir.resolve(DIR);
  }

  /** Where drivers register: {@code RUN/leaving/drivers}. */
  public static Path driversDir(Path runDir) {
    return dir(runDir).resolve("drivers");
  }

  /** The marker of a leaving TaskManager. */
  public static Path marker(Path runDir, String taskManager) {
    return dir(runDir).resolve(taskManager + MARKER);
  }

  /**
   * The text of a marker: {@code why} and how long the drivers hold their jobs for this leave at
   * most (the drain's own bound and a margin: a drainer that died is not waited for longer).
   */
  public static String markerText(String why, Duration hold) {
    return why + "; hold " + hold.toSeconds() + " s";
  }

  /** How long a marker's text asks the drivers to hold their jobs, or {@code otherwise}. */
  public static Duration hold(String markerText, Duration otherwise) {
    Matcher m = markerText == null ? null : HOLD.matcher(markerText);
    return m != null && m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : otherwise;
  }

  private static final Pattern HOLD = Pattern.compile("; hold (\\d{1,9}) s$");

  /** A driver's answer: it submits nothing until {@code taskManager} is gone. */
  public static Path ack(Path runDir, String taskManager, String driver) {
    return dir(runDir).resolve(taskManager + ACK + driver);
  }

  /** The TaskManagers marked as leaving now (resource ids); none when the directory is missing. */
  public static List<String> leaving(Path runDir) {
    List<String> names = new ArrayList<>();
    for (Path p : list(dir(runDir))) {
      String file = p.getFileName().toString();
      if (file.endsWith(MARKER)) {
        names.add(file.substring(0, file.length() - MARKER.length()));
      }
    }
    return names;
  }

  /** The ids of the registered drivers. */
  public static List<String> drivers(Path runDir) {
    return list(driversDir(runDir)).stream().map(p -> p.getFileName().toString()).toList();
  }

  /**
   * Registers a driver of this JVM; returns its id. The file holds {@code pid@host}, so a drainer
   * on the same host can tell a driver that died.
   */
  public static String register(Path runDir) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    String id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    write(driversDir(runDir).resolve(id), ProcessHandle.current().pid() + "@" + host);
    return id;
  }

  /** Writes {@code text} to {@code file} atomically (readers never see half a file). */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The content of {@code file}, or null when it is missing. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null;
    }
  }

  /** Removes the marker of {@code taskManager} and every answer to it. */
  public static void clear(Path runDir, String taskManager) {
    for (Path p : list(dir(runDir))) {
      String file = p.getFileName().toString();
      if (file.equals(taskManager + MARKER) || file.startsWith(taskManager + ACK)) {
        delete(p);
      }
    }
  }

  /** Deletes a file if it is there. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // gone or unreadable: a later clear or the run directory's removal takes it
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
