package io.taskbeam.internal.checkpoint;

import io.taskbeam.internal.data.SessionDirs;
import io.taskbeam.internal.data.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What stays on disk for {@code --resume}, and when it goes. A run keeps, in its session directory,
 * only the bundle files its journal names (the program values it captured and the job's event files
 * go at its end), whether it ended well or not: a program that threw an exception of its own ended
 * its session as cleanly as one that finished. They go when a later run of the same program starts
 * without resuming them once that run had ended, when the run directory holding their journal is
 * pruned ({@code --keepRuns}), or with the session directory's other stale files.
 */
public final class KeptResults {
  private KeptResults() {}

  /**
   * Deletes, in {@code sessionDir}, every file but the session's marks and the bundles in {@code
   * journaled}; returns whether anything journaled remains (else the directory may go whole).
   */
  public static boolean keepOnly(Path sessionDir, Set<String> journaled) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(sessionDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(files::add);
    } catch (IOException e) {
      return true; // unreadable: leave it whole
    }
    boolean kept = false;
    for (Path p : files) {
      String name = p.getFileName().toString();
      if (p.equals(sessionDir)) {
        continue;
      }
      if (Files.isDirectory(p)) {
        p.toFile().delete(); // only when empty
      } else if (journaled.contains(p.toAbsolutePath().normalize().toString())) {
        kept = true;
      } else if (!name.equals(SessionDirs.OWNER) && !name.equals(SessionDirs.CHECKPOINT)) {
        p.toFile().delete();
      }
    }
    return kept;
  }

  /**
   * Deletes the kept results of earlier runs of {@code program} under {@code runsDir} that ended,
   * except those of {@code resumed} (the run being resumed, or null): the new run supersedes them.
   */
  public static void pruneEnded(Path runsDir, String program, Path current, Path resumed) {
    Pattern name = Pattern.compile(Pattern.quote(program) + "_\\d+");
    List<Path> runs;
    try (Stream<Path> entries = Files.list(runsDir)) {
      runs =
          entries
              .filter(p -> name.matcher(p.getFileName().toString()).matches())
              .map(p -> p.toAbsolutePath().normalize())
              .filter(p -> !p.equals(current) && !p.equals(resumed))
              .filter(p -> Files.isRegularFile(p.resolve(Journal.FILE)))
              .toList();
    } catch (IOException e) {
      return;
    }
    Set<String> inUse = new HashSet<>();
    if (resumed != null) {
      sessionsOf(resumed).forEach(x -> inUse.add(x.dir()));
    }
    List<JournalHeader.Session> ended = new ArrayList<>();
    for (Path run : runs) {
      try {
        JournalReader.Contents journal = JournalReader.summary(run.resolve(Journal.FILE));
        if (journal.ended()) {
          ended.addAll(journal.header().sessions());
        } else {
          journal.header().sessions().forEach(x -> inUse.add(x.dir())); // may still be resumed
        }
      } catch (IllegalArgumentException unreadable) {
        // not a journal of ours: leave its run alone
      }
    }
    for (JournalHeader.Session s : ended) {
      Path dir = Path.of(s.dir());
      if (!inUse.contains(s.dir())
          && dir.getFileName().toString().startsWith("session-")
          && Files.isRegularFile(dir.resolve(SessionDirs.CHECKPOINT))) {
        WorkDir.deleteTree(dir);
      }
    }
  }

  private static List<JournalHeader.Session> sessionsOf(Path run) {
    try {
      return JournalReader.summary(run.resolve(Journal.FILE)).header().sessions();
    } catch (IllegalArgumentException unreadable) {
      return List.of();
    }
  }
}
