package io.taskbeam.internal.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.internal.observe.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work directories: private, unguessable, and cleaned of dead drivers' sessions; run directories
 * pruned.
 */
class SessionDirsTest {
  @TempDir Path root;

  @Test
  void sessionIsPrivateUnguessableAndOwned() throws Exception {
    Path session = SessionDirs.create(root.resolve("work").toString());
    assertThat(
        session.getFileName().toString(), matchesPattern("session-\\d{8}-\\d{6}-[0-9a-f]{8}"));
    assertThat(mode(session), is("rwx------"));
    assertThat(mode(root.resolve("work")), is("rwx------"));
    String owner = Files.readString(session.resolve(SessionDirs.OWNER), StandardCharsets.UTF_8);
    assertThat(owner, matchesPattern(ProcessHandle.current().pid() + " \\d+ \\S+\\n"));
  }

  @Test
  void defaultRootIsPerUser() {
    assertThat(
        SessionDirs.defaultRoot().getFileName().toString(),
        equalTo("taskbeam-work-" + System.getProperty("user.name")));
  }

  @Test
  void unusableWorkDirIsOneLineWithTheReason() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SessionDirs.create("/proc/x"));
    assertThat(
        e.getMessage(),
        equalTo(
            "--workDir=/proc/x: cannot create it (no such file or directory: /proc/x); "
                + "give a writable directory with --workDir"));
  }

  @Test
  void deadDriversOldSessionsGoLiveOnesAndRecentOnesStay() throws Exception {
    Instant now = Instant.now();
    Instant old = now.minus(SessionDirs.STALE_AFTER).minusSeconds(60);
    long dead = deadPid();
    String host = SessionDirs.ownerLine().strip().split(" ")[2];
    Path deadOld = session("session-dead-old", dead + " 1 " + host, old);
    Path deadRecent = session("session-dead-recent", dead + " 1 " + host, now);
    Path alive = session("session-alive", SessionDirs.ownerLine().strip(), old);
    Path reused =
        session("session-pid-reused", ProcessHandle.current().pid() + " 12345 " + host, old);
    Path otherHost = session("session-other-host", dead + " 1 some-other-host", old);
    Path unownedOld = session("session-unowned-old", null, now.minus(Duration.ofDays(2)));
    Path unownedRecent = session("session-unowned-recent", null, old);
    Path notASession = Files.createDirectory(root.resolve("keep-me"));

    List<Path> removed = SessionDirs.removeStale(root, now);

    assertThat(removed, containsInAnyOrder(deadOld, reused, unownedOld));
    for (Path kept : List.of(deadRecent, alive, otherHost, unownedRecent, notASession)) {
      assertThat(kept + " kept", Files.isDirectory(kept), is(true));
    }
  }

  @Test
  void runsDirectoryKeepsTheNewestN() throws Exception {
    Path runs = root.resolve("runs");
    for (int i = 1; i <= 5; i++) {
      Path run = Files.createDirectories(runs.resolve("matmul_0" + i));
      Files.writeString(run.resolve(RunDirectory.LOG), "x");
      Files.setLastModifiedTime(run.resolve(RunDirectory.LOG), FileTime.fromMillis(1_000_000L * i));
    }
    Path notes = Files.createDirectories(runs.resolve("notes"));
    Path current = Files.createDirectories(runs.resolve("matmul_06"));

    List<Path> deleted = RunDirectory.prune(runs, 3, current);

    assertThat(
        deleted,
        containsInAnyOrder(
            runs.resolve("matmul_01"), runs.resolve("matmul_02"), runs.resolve("matmul_03")));
    assertThat(
        Files.exists(runs.resolve("matmul_04"))
            && Files.exists(runs.resolve("matmul_05"))
            && Files.exists(current)
            && Files.exists(notes),
        is(true));
    assertThat(RunDirectory.prune(runs, 0, current).isEmpty(), is(true));
  }

  @Test
  void twoProgramsPruningTheSameRunsAtOnceBothStart() throws Exception {
    // until 2026-12-07 a run directory the other program deleted while this one walked it threw
    // UncheckedIOException (NoSuchFileException) out of TaskBeam.start
    Path runs = root.resolve("runs");
    for (int round = 0; round < 10; round++) {
      for (int i = 1; i <= 20; i++) {
        Path run = Files.createDirectories(runs.resolve("app_" + (round * 100 + i)));
        for (int f = 0; f < 30; f++) {
          Files.writeString(run.resolve(f == 0 ? RunDirectory.LOG : "f" + f), "x");
        }
      }
      Path a = Files.createDirectories(runs.resolve("app_" + (round * 100 + 98)));
      Path b = Files.createDirectories(runs.resolve("app_" + (round * 100 + 99)));
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        Future<?> first = two.submit(() -> pruneAfter(together, runs, a));
        Future<?> second = two.submit(() -> pruneAfter(together, runs, b));
        first.get();
        second.get();
      } finally {
        two.shutdownNow();
      }
      try (Stream<Path> left = Files.list(runs)) {
        assertThat(left.filter(p -> Files.exists(p.resolve(RunDirectory.LOG))).count(), is(0L));
      }
    }
  }

  private static Void pruneAfter(CyclicBarrier together, Path runs, Path current) throws Exception {
    together.await();
    RunDirectory.prune(runs, 1, current);
    return null;
  }

  private Path session(String name, String owner, Instant modified) throws Exception {
    Path dir = Files.createDirectory(root.resolve(name));
    Files.writeString(dir.resolve("data.bin"), "x");
    if (owner != null) {
      Files.writeString(dir.resolve(SessionDirs.OWNER), owner + "\n");
      Files.setLastModifiedTime(dir.resolve(SessionDirs.OWNER), FileTime.from(modified));
    }
    Files.setLastModifiedTime(dir.resolve("data.bin"), FileTime.from(modified));
    Files.setLastModifiedTime(dir, FileTime.from(modified));
    return dir;
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), is(false));
    return p.pid();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
