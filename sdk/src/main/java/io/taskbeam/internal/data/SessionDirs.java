package io.taskbeam.internal.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a session's data lives, and what is left over from sessions whose driver died.
 *
 * <p>The work root is {@code --workDir}, or {@code <java.io.tmpdir>/taskbeam-work-<user>}: one per
 * user, created with mode 0700 and refused if another user owns it (a name in a shared /tmp could
 * otherwise be created first by someone else). Each session gets {@code session-<time>-<random>}
 * (mode 0700, unguessable) holding an {@value #OWNER} file: the driver's pid, its start time and
 * host. At the next start on the same root, a session whose driver on this host no longer runs (pid
 * gone, or reused by a process that started at another time) and that has not been touched for
 * {@link #STALE_AFTER} is deleted; a session without an owner file is deleted after a day. A live
 * driver's session is never touched, nor is one whose results a checkpoint journal still names
 * ({@value #CHECKPOINT}; it goes with the journal's run directory).
 */
public final class SessionDirs {
  public static final String OWNER = ".owner";

  /**
   * Names the checkpoint journals (one path a line) whose results lie in a session: such a session
   * outlives its driver while one of them exists, so that its run can be resumed.
   */
  public static final String CHECKPOINT = ".checkpoint";

  /** How long a dead driver's session is left alone (its files may still be being read). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(2);

  static final Duration UNOWNED_AFTER = Duration.ofDays(1);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  private SessionDirs() {}

  /** The default work root of this user. */
  public static Path defaultRoot() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "taskbeam-work-" + user);
  }

  /**
   * Creates a new session directory under {@code workDir} (null: {@link #defaultRoot()}), after
   * removing stale sessions there.
   *
   * @throws IllegalArgumentException one line naming the directory and the reason
   */
  public static Path create(String workDir) {
    Path root = (workDir == null ? defaultRoot() : Path.of(workDir)).toAbsolutePath().normalize();
    String option = workDir == null ? "the work directory " + root : "--workDir=" + workDir;
    try {
      createRoot(root, workDir == null);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option
              + ": cannot create it ("
              + reason(e)
              + "); give a writable directory with --workDir",
          e);
    }
    removeStale(root, Instant.now());
    Path session =
        root.resolve(
            "session-"
                + LocalDateTime.now().format(STAMP)
                + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    try {
      Files.createDirectory(session, PosixFilePermissions.asFileAttribute(PRIVATE));
      Files.setPosixFilePermissions(session, PRIVATE); // the umask may have removed bits
      Files.writeString(session.resolve(OWNER), ownerLine(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option
              + ": cannot create a session directory in it ("
              + reason(e)
              + "); give a writable directory with --workDir",
          e);
    }
    return session;
  }

  /**
   * Deletes the sessions under {@code root} whose driver is gone (see the class comment).
   *
   * @return the deleted directories
   */
  public static List<Path> removeStale(Path root, Instant now) {
    List<Path> removed = new ArrayList<>();
    List<Path> sessions;
    try (Stream<Path> entries = Files.list(root)) {
      sessions =
          entries
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("session-")
                          && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .toList();
    } catch (IOException e) {
      return removed;
    }
    for (Path session : sessions) {
      if (isStale(session, now)) {
        try {
          deleteTree(session);
          removed.add(session);
        } catch (UncheckedIOException e) {
          // another user's, or vanished meanwhile: leave it
        }
      }
    }
    return removed;
  }

  /**
   * Keeps {@code session} (its journaled results) while {@code journal} exists, even once its
   * driver is gone; quiet when the session is gone already.
   */
  public static void keepFor(Path session, Path journal) {
    try {
      Files.writeString(
          session.resolve(CHECKPOINT),
          journal.toAbsolutePath() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // gone: nothing to keep
    }
  }

  /** Whether a checkpoint journal that names {@code session}'s results still exists. */
  private static boolean journaled(Path session) {
    try {
      for (String line : Files.readAllLines(session.resolve(CHECKPOINT), StandardCharsets.UTF_8)) {
        if (!line.isBlank() && Files.isRegularFile(Path.of(line.strip()))) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no marker, or unreadable: not kept for a journal
    }
    return false;
  }

  static boolean isStale(Path session, Instant now) {
    if (journaled(session)) {
      return false;
    }
    Instant touched = lastModified(session);
    Optional<String> owner = readOwner(session);
    if (owner.isEmpty()) {
      return touched.plus(UNOWNED_AFTER).isBefore(now);
    }
    String[] f = owner.get().strip().split(" ");
    if (f.length < 3 || !f[2].equals(host())) {
      return false; // another host's driver (a shared volume): only it knows whether it runs
    }
    long pid;
    try {
      pid = Long.parseLong(f[0]);
    } catch (NumberFormatException e) {
      return touched.plus(UNOWNED_AFTER).isBefore(now);
    }
    boolean alive =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(
                h ->
                    h.info()
                        .startInstant()
                        .map(s -> Long.toString(s.toEpochMilli()).equals(f[1]))
                        .orElse(true))
            .orElse(false);
    return !alive && touched.plus(STALE_AFTER).isBefore(now);
  }

  /** {@code <pid> <start epoch ms> <host>} of this JVM. */
  static String ownerLine() {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return self.pid() + " " + start + " " + host() + "\n";
  }

  private static void createRoot(Path root, boolean isDefault) throws IOException {
    if (!Files.isDirectory(root)) {
      Files.createDirectories(root.getParent());
      try {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE));
        Files.setPosixFilePermissions(root, PRIVATE);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // created meanwhile: checked below
      }
    }
    if (isDefault) {
      String owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
      if (!owner.equals(System.getProperty("user.name")) || Files.isSymbolicLink(root)) {
        throw new AccessDeniedException(
            root + " belongs to " + owner + ", not to " + System.getProperty("user.name"));
      }
      Files.setPosixFilePermissions(root, PRIVATE);
    }
  }

  private static Optional<String> readOwner(Path session) {
    try {
      return Optional.of(Files.readString(session.resolve(OWNER), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The newest modification time of the directory and its direct entries. */
  private static Instant lastModified(Path dir) {
    Instant newest = Instant.EPOCH;
    try (Stream<Path> entries = Stream.concat(Stream.of(dir), Files.list(dir))) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        try {
          FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
          newest = t.toInstant().isAfter(newest) ? t.toInstant() : newest;
        } catch (IOException gone) {
          // skip
        }
      }
    } catch (IOException e) {
      return Instant.now(); // unreadable: treat as fresh, never delete
    }
    return newest;
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
    } catch (IOException e) {
      return "localhost";
    }
  }

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied"
          + (e.getMessage() != null && e.getMessage().contains(" belongs to ")
              ? ": " + e.getMessage()
              : "");
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
