package io.taskbeam.internal.checkpoint;

import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An earlier run's journal, as a resumed run asks it: which tasks finished, and the encoding of
 * each result it kept. Opening it registers the seals of the sessions holding those results, so
 * this JVM may read them; nothing else may.
 */
public final class ResumeSource {
  private final Path runDir;
  private final JournalHeader header;
  private final Map<String, JournalRecord> byTask = new HashMap<>();
  private final int records;

  private ResumeSource(Path runDir, JournalReader.Contents contents) {
    this.runDir = runDir;
    this.header = contents.header();
    this.records = contents.records().size();
    for (JournalRecord r : contents.records()) {
      byTask.put(Identities.hex(r.task()), r);
    }
  }

  /**
   * The run {@code --resume} names: {@code last} is the newest other run of {@code program} under
   * {@code runsDir} with a journal (null, after one line on {@code warn}, when there is none); any
   * other value is a run directory, which must hold a journal of this program.
   *
   * @throws IllegalArgumentException one line when the run cannot be resumed by this program
   */
  public static ResumeSource open(
      String resume, Path runsDir, String program, Path currentRun, java.io.PrintStream warn) {
    Path dir;
    if (resume.equals("last")) {
      dir = last(runsDir, program, currentRun);
      if (dir == null) {
        warn.println(
            "taskbeam: --resume=last: no earlier run of "
                + program
                + " with a checkpoint journal under "
                + runsDir
                + "; running every task");
        return null;
      }
    } else {
      dir = Path.of(resume).toAbsolutePath().normalize();
      if (!Files.isRegularFile(dir.resolve(Journal.FILE))) {
        throw new IllegalArgumentException(
            "--resume="
                + resume
                + ": "
                + dir
                + " holds no checkpoint journal ("
                + Journal.FILE
                + "): give a run directory of a checkpointed run, or --resume=last");
      }
    }
    JournalReader.Contents contents = JournalReader.read(dir.resolve(Journal.FILE));
    JournalHeader h = contents.header();
    if (h.format() != Journal.FORMAT) {
      throw new IllegalArgumentException(
          "--resume: the run "
              + dir
              + " was journaled with identity rules "
              + h.format()
              + ", this taskbeam uses "
              + Journal.FORMAT
              + ": nothing can be reused; run without --resume");
    }
    if (!h.program().equals(program)) {
      throw new IllegalArgumentException(
          "--resume: the run "
              + dir
              + " is of program "
              + h.program()
              + ", not "
              + program
              + ": nothing reused; give a run directory of this program");
    }
    if (contents.warning() != null) {
      warn.println("taskbeam: warning: " + contents.warning());
    }
    for (JournalHeader.Session s : h.sessions()) {
      new SessionSeal(s.dir(), s.key()).register();
    }
    return new ResumeSource(dir, contents);
  }

  /** The newest run directory of {@code program} with a journal, other than {@code current}. */
  private static Path last(Path runsDir, String program, Path current) {
    Pattern name = Pattern.compile(Pattern.quote(program) + "_(\\d+)");
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> entries = Files.list(runsDir)) {
      entries
          .filter(p -> name.matcher(p.getFileName().toString()).matches())
          .filter(p -> !p.toAbsolutePath().normalize().equals(current))
          .filter(p -> Files.isRegularFile(p.resolve(Journal.FILE)))
          .forEach(runs::add);
    } catch (IOException e) {
      return null;
    }
    return runs.stream()
        .max(
            Comparator.comparingInt(
                p -> {
                  String n = p.getFileName().toString();
                  return Integer.parseInt(n.substring(n.lastIndexOf('_') + 1));
                }))
        .map(p -> p.toAbsolutePath().normalize())
        .orElse(null);
  }

  public Path runDir() {
    return runDir;
  }

  /** The session directories (with their keys) holding this journal's results. */
  public List<JournalHeader.Session> sessions() {
    return header.sessions();
  }

  /** The journaled record of task {@code identity}, or null. */
  public JournalRecord record(byte[] identity) {
    return byTask.get(Identities.hex(identity));
  }

  /** The kept result {@code identity} of {@code record} whose file still exists, or null. */
  public static JournalRecord.Output output(JournalRecord record, byte[] identity) {
    for (JournalRecord.Output o : record.outputs()) {
      if (java.util.Arrays.equals(o.identity(), identity)
          && Files.isRegularFile(Path.of(o.path()))) {
        return o;
      }
    }
    return null;
  }

  /** The encoding of a journaled result, read from its sealed bundle (seal checked). */
  public static byte[] encoding(JournalRecord.Output o) {
    return WorkDir.readEncoded(new StoredRef(o.path(), o.key()));
  }

  /** Finished tasks the journal names (its good records). */
  public int records() {
    return records;
  }
}
