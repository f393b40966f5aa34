package io.taskbeam.internal.engine;

import io.taskbeam.Direction;
import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.checkpoint.CheckpointPolicy;
import io.taskbeam.internal.checkpoint.Identities;
import io.taskbeam.internal.checkpoint.Journal;
import io.taskbeam.internal.checkpoint.JournalHeader;
import io.taskbeam.internal.checkpoint.JournalRecord;
import io.taskbeam.internal.checkpoint.KeptResults;
import io.taskbeam.internal.checkpoint.ResumeSource;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.SessionDirs;
import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.beam.sdk.options.ApplicationNameOptions;

/**
 * Checkpoints and resume in a session ({@code --checkpoint}, {@code --resume}): names each version
 * by content as tasks are submitted ({@link Identities}), journals the tasks each job finished with
 * where their kept results lie ({@link Journal}), and, resuming, takes out of each flush the tasks
 * an earlier run finished, giving the program their results instead (read from that run's store).
 *
 * <p>A task is taken out only when every result something still reads (a running task, a future, a
 * file) is in the earlier run's store; its own inputs are then not needed, so a chain whose last
 * result was kept is skipped whole. Every run keeps the results its journal names until a later run
 * of the program supersedes them ({@link KeptResults}): a program that threw an exception of its
 * own closed its session as cleanly as one that finished, and may be resumed all the same.
 */
final class Checkpoints {
  private final SessionParts parts;
  private final Identities identities;
  private final Journal journal;
  private final ResumeSource resume;
  private final PrintStream err;
  private int submitted;
  private int resumed;
  private boolean failed;

  /** The bundle files of this session the journal names: kept at the end for {@code --resume}. */
  private final Set<String> journaledFiles = new HashSet<>();

  private Checkpoints(
      SessionParts parts,
      Identities identities,
      Journal journal,
      ResumeSource resume,
      PrintStream err) {
    this.parts = parts;
    this.identities = identities;
    this.journal = journal;
    this.resume = resume;
    this.err = err;
  }

  /** The policy {@code --checkpoint} names; with no value, {@code sync} when there is a run dir. */
  static CheckpointPolicy policy(TaskBeamOptions options) {
    String given = options.getCheckpoint();
    if (given == null) {
      return options.getObserve() ? CheckpointPolicy.SYNC : CheckpointPolicy.OFF;
    }
    CheckpointPolicy policy = CheckpointPolicy.parse(given);
    if (policy != CheckpointPolicy.OFF && !options.getObserve()) {
      throw new IllegalArgumentException(
          "--checkpoint="
              + given
              + " needs the run directory, where the journal goes: drop --observe=false");
    }
    return policy;
  }

  /**
   * The session's checkpoints: null when {@code --checkpoint=off} and no {@code --resume}.
   *
   * @throws IllegalArgumentException one line when the run to resume cannot be resumed
   */
  static Checkpoints start(
      SessionParts parts, CheckpointPolicy policy, SessionSeal seal, PrintStream err) {
    TaskBeamOptions options = parts.options();
    Path runDir = parts.runDirectory();
    String program = options.as(ApplicationNameOptions.class).getAppName();
    ResumeSource resume = null;
    if (options.getResume() != null) {
      if (runDir == null) {
        throw new IllegalArgumentException(
            "--resume needs the run directory (its journal goes on): drop --observe=false");
      }
      resume =
          ResumeSource.open(
              options.getResume(), Path.of(options.getRunsDir()), program, runDir, err);
    }
    if (runDir != null) {
      KeptResults.pruneEnded(
          Path.of(options.getRunsDir()), program, runDir, resume == null ? null : resume.runDir());
    }
    if (policy == CheckpointPolicy.OFF && resume == null) {
      return null;
    }
    Journal journal = null;
    if (policy != CheckpointPolicy.OFF) {
      List<JournalHeader.Session> sessions = new ArrayList<>();
      sessions.add(new JournalHeader.Session(seal.dir(), seal.key()));
      if (resume != null) {
        sessions.addAll(resume.sessions());
      }
      journal =
          Journal.create(
              runDir,
              new JournalHeader(
                  Journal.FORMAT,
                  program,
                  sessions,
                  resume == null ? "" : resume.runDir().toString()));
      for (JournalHeader.Session s : sessions) {
        SessionDirs.keepFor(Path.of(s.dir()), journal.file());
      }
    }
    return new Checkpoints(parts, new Identities(), journal, resume, err);
  }

  /** Names program values by content (for {@link Capture}). */
  Identities identities() {
    return identities;
  }

  /** A task was submitted: it and its outputs get their identities. */
  void submitted(TaskNode node, Object[] args) {
    submitted++;
    for (int i = 0; i < node.function().arity(); i++) {
      DataVersion in = node.input(i);
      if (node.function().direction(i) == Direction.FILE_IN
          && in.producer() == null
          && identities.of(in) == null) {
        identities.file(in, FileData.key(args[i], "file"));
      }
    }
    identities.submitted(node);
  }

  void split(TaskNode node) {
    identities.split(node);
  }

  /**
   * Takes out of {@code taken} (a flush's tasks, in submission order) those an earlier run
   * finished, storing the results still read; returns the tasks to run. {@code kept} tells the
   * versions the program may read after the flush.
   */
  List<TaskNode> resume(List<TaskNode> taken, Predicate<DataVersion> kept) {
    if (resume == null || taken.isEmpty()) {
      return taken;
    }
    Set<DataVersion> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TaskNode t : taken) {
      for (DataVersion v : written(t)) {
        if (kept.test(v)) {
          needed.add(v);
        }
      }
    }
    Map<TaskNode, List<Map.Entry<DataVersion, JournalRecord.Output>>> skipped =
        new IdentityHashMap<>();
    Map<TaskNode, JournalRecord> records = new IdentityHashMap<>();
    for (int i = taken.size() - 1; i >= 0; i--) {
      TaskNode t = taken.get(i);
      byte[] id = identities.of(t);
      JournalRecord record = id == null ? null : resume.record(id);
      List<Map.Entry<DataVersion, JournalRecord.Output>> values = new ArrayList<>();
      for (DataVersion v : written(t)) {
        if (record != null && needed.contains(v)) {
          JournalRecord.Output o = ResumeSource.output(record, identities.of(v));
          if (o == null) {
            record = null;
          } else {
            values.add(Map.entry(v, o));
          }
        }
      }
      if (record != null) {
        skipped.put(t, values);
        records.put(t, record);
      } else {
        for (int p = 0; p < t.function().arity(); p++) {
          if (t.input(p) != null) {
            needed.add(t.input(p));
          }
        }
      }
    }
    if (skipped.isEmpty()) {
      return taken;
    }
    List<TaskNode> run = new ArrayList<>(taken.size() - skipped.size());
    List<JournalRecord> again = new ArrayList<>();
    for (TaskNode t : taken) {
      List<Map.Entry<DataVersion, JournalRecord.Output>> values = skipped.get(t);
      if (values == null) {
        run.add(t);
        continue;
      }
      parts.graph().resumed(t);
      for (Map.Entry<DataVersion, JournalRecord.Output> e : values) {
        parts
            .store()
            .put(e.getKey().key(), DriverValue.inline(ResumeSource.encoding(e.getValue())));
      }
      again.add(records.get(t));
    }
    resumed += skipped.size();
    if (journal != null) {
      journal.append(again);
    }
    return run;
  }

  /** A job ended well: its tasks are journaled with where their kept results lie. */
  void jobEnded(Job job, Map<String, StoredRef> stored) {
    if (journal == null) {
      return;
    }
    List<JournalRecord> finished = new ArrayList<>();
    Set<String> bundles = new HashSet<>(); // a chunk's outputs share its bundle: name it once
    for (TaskNode t : job.tasks) {
      byte[] id = identities.of(t);
      if (id == null) {
        continue;
      }
      List<JournalRecord.Output> outputs = new ArrayList<>();
      for (DataVersion v : written(t)) {
        StoredRef ref = stored.get(v.key());
        if (ref != null) {
          outputs.add(new JournalRecord.Output(identities.of(v), ref.path(), ref.key()));
          if (bundles.add(ref.path())) {
            journaledFiles.add(Path.of(ref.path()).toAbsolutePath().normalize().toString());
          }
        }
      }
      finished.add(new JournalRecord(id, outputs));
      identities.forget(t); // journaled: nothing asks for it again
    }
    journal.append(finished);
  }

  /** A job failed: the journal will not say the run ended cleanly. */
  void jobFailed() {
    failed = true;
  }

  /**
   * The session ends ({@code clean}: closed by the program, no failure left unreported): ends the
   * journal when no job failed, and keeps of the work directory only the bundles the journal names
   * ({@link KeptResults}). Returns whether the work directory must stay.
   */
  boolean close(boolean clean, Path sessionDir) {
    if (resume != null) {
      err.println(
          "taskbeam: resumed "
              + resumed
              + " of "
              + submitted
              + " tasks from run "
              + resume.runDir()
              + ", whose journal names "
              + resume.records()
              + " finished tasks");
    }
    if (journal == null) {
      return false;
    }
    if (clean && !failed) {
      journal.end();
    } else {
      err.println(
          "taskbeam: checkpoint: "
              + journal.records()
              + " finished tasks journaled in "
              + journal.file()
              + "; resume with --resume=last");
    }
    journal.close();
    return KeptResults.keepOnly(sessionDir, journaledFiles);
  }

  /** Every version {@code t} writes: in-place outputs, its result and the result's parts. */
  static List<DataVersion> written(TaskNode t) {
    List<DataVersion> out = new ArrayList<>();
    for (int i = 0; i < t.function().arity(); i++) {
      if (t.output(i) != null) {
        out.add(t.output(i));
      }
    }
    if (t.result() != null) {
      out.add(t.result());
    }
    out.addAll(t.parts());
    return out;
  }
}
