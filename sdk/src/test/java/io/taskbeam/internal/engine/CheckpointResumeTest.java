package io.taskbeam.internal.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import io.taskbeam.internal.checkpoint.Journal;
import io.taskbeam.internal.checkpoint.JournalHeader;
import io.taskbeam.internal.checkpoint.JournalReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and resume on the in-memory runner: a run that fails keeps its journal and results;
 * the same program run again with {@code --resume=last} takes every finished task's result instead
 * of running it (counted by the tasks themselves) and gives the sequential answer; a changed
 * argument or input file is computed again; a torn journal, a run of another program and a clean
 * run are each handled as documented.
 */
class CheckpointResumeTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    ResumeTasks.reset();
  }

  private TaskBeam session(String app, String... more) {
    List<String> args = new ArrayList<>(List.of("--runner=InMemoryRunner", "--parallelism=2"));
    args.add("--workDir=" + dir.resolve("work"));
    args.add("--runsDir=" + dir.resolve("runs"));
    args.add("--appName=" + app);
    args.add("--progress=off");
    args.add("--metricsPort=-1");
    args.add("--dashboard=off");
    args.addAll(List.of(more));
    return TaskBeam.start(args.toArray(String[]::new));
  }

  /** The iteration x -> 3x + round for {@code rounds} rounds from {@code x0}, in plain Java. */
  private static long sequential(long x0, int rounds) {
    long x = x0;
    for (int r = 0; r < rounds; r++) {
      x = 3 * x + r;
    }
    return x;
  }

  /** The program: {@code rounds} rounds, each a task and a waitOn, as k-means' iterations. */
  private static long iterate(TaskBeam tb, long x0, int rounds) {
    TaskFuture<Long> x = tb.put(x0);
    for (int r = 0; r < rounds; r++) {
      x = tb.submit(ResumeTasks::step, x, r);
      tb.waitOn(x);
    }
    return tb.waitOn(x);
  }

  /** Runs the program with round {@code failAt} failing; returns the run directory. */
  private Path crashedRun(String app, long x0, int rounds, int failAt) {
    ResumeTasks.failAt = failAt;
    TaskBeam tb = session(app);
    try (tb) {
      assertThrows(TaskFailedException.class, () -> iterate(tb, x0, rounds));
    }
    ResumeTasks.failAt = -1;
    return tb.runDirectory();
  }

  @Test
  void aResumedRunSkipsTheFinishedRoundsAndGivesTheSequentialAnswer() {
    Path crashed = crashedRun("iterate", 5, 10, 6);
    assertThat(ResumeTasks.steps.get(), is(6));
    JournalReader.Contents journal = JournalReader.read(crashed.resolve(Journal.FILE));
    assertThat(journal.records().size(), is(6));
    assertThat(journal.ended(), is(false));

    ResumeTasks.steps.set(0);
    try (TaskBeam tb = session("iterate", "--resume=last")) {
      assertThat(iterate(tb, 5, 10), equalTo(sequential(5, 10)));
    }
    assertThat("only rounds 6 to 9 ran again", ResumeTasks.steps.get(), is(4));
  }

  @Test
  void aChangedArgumentIsComputedAgain() {
    crashedRun("changed", 5, 6, 4);
    ResumeTasks.steps.set(0);
    try (TaskBeam tb = session("changed", "--resume=last")) {
      assertThat(iterate(tb, 7, 6), equalTo(sequential(7, 6)));
    }
    assertThat("x0 changed: every round depends on it", ResumeTasks.steps.get(), is(6));
  }

  @Test
  void aChangedInputFileIsReadAgainAndTheSameOneIsNot() throws Exception {
    Path input = Files.writeString(dir.resolve("input.txt"), "twelve bytes");
    try (TaskBeam tb = session("files")) {
      assertThat(tb.waitOn(tb.submit(ResumeTasks::size, input.toString())), is(12L));
      ResumeTasks.failAt = 0;
      TaskFuture<Long> x = tb.submit(ResumeTasks::step, tb.put(1L), 0);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(x));
    }
    ResumeTasks.failAt = -1;
    try (TaskBeam tb = session("files", "--resume=last")) {
      assertThat(tb.waitOn(tb.submit(ResumeTasks::size, input.toString())), is(12L));
      assertThat("the same file: its read was resumed", ResumeTasks.reads.get(), is(1));
      ResumeTasks.failAt = 0;
      TaskFuture<Long> x = tb.submit(ResumeTasks::step, tb.put(1L), 0);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(x));
    }
    ResumeTasks.failAt = -1;
    Files.writeString(input, "now twenty-one bytes!");
    try (TaskBeam tb = session("files", "--resume=last")) {
      assertThat(tb.waitOn(tb.submit(ResumeTasks::size, input.toString())), is(21L));
    }
    assertThat("a changed file is read again", ResumeTasks.reads.get(), is(2));
  }

  @Test
  void anInoutChainResumesFromItsKeptVersion() {
    double[] start = {1, 2, 3};
    ResumeTasks.failAt = 1;
    try (TaskBeam tb = session("chain")) {
      TaskFuture<double[]> v = tb.put(start.clone());
      tb.submit(ResumeTasks::scale, v, 2.0);
      tb.submit(ResumeTasks::scale, v, 5.0);
      tb.waitOn(v);
      TaskFuture<Long> x = tb.submit(ResumeTasks::step, tb.put(0L), 1);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(x));
    }
    ResumeTasks.failAt = -1;
    ResumeTasks.scales.set(0);
    try (TaskBeam tb = session("chain", "--resume=last")) {
      TaskFuture<double[]> v = tb.put(start.clone());
      tb.submit(ResumeTasks::scale, v, 2.0);
      tb.submit(ResumeTasks::scale, v, 5.0);
      assertThat(Arrays.toString(tb.waitOn(v)), is("[10.0, 20.0, 30.0]"));
      tb.submit(ResumeTasks::scale, v, 0.5);
      assertThat(Arrays.toString(tb.waitOn(v)), is("[5.0, 10.0, 15.0]"));
      assertThat(tb.waitOn(tb.submit(ResumeTasks::step, tb.put(0L), 1)), is(1L));
    }
    assertThat(
        "the chain's two links were resumed; the new one ran", ResumeTasks.scales.get(), is(1));
  }

  @Test
  void aTornJournalResumesUpToItsLastGoodRecord() throws Exception {
    Path crashed = crashedRun("torn", 5, 8, 5);
    Path file = crashed.resolve(Journal.FILE);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3); // the last record (round 4) torn mid-write
    }
    ResumeTasks.steps.set(0);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (TaskBeam tb = session("torn", "--resume=last")) {
      assertThat(iterate(tb, 5, 8), equalTo(sequential(5, 8)));
    } finally {
      System.setErr(saved);
    }
    assertThat(ResumeTasks.steps.get(), is(4)); // rounds 4 to 7
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(said, containsString("is torn or corrupted after record 4"));
    assertThat(
        said,
        containsString(
            "resumed 4 of 8 tasks from run " + crashed + ", whose journal names 4 finished tasks"));
  }

  @Test
  void aRunOfAnotherProgramIsRefusedWithOneLine() {
    Path other = crashedRun("other", 1, 3, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> session("mine", "--resume=" + other).close());
    assertThat(e.getMessage(), containsString("is of program other, not mine: nothing reused"));
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> session("mine", "--resume=" + dir.resolve("nowhere")).close());
    assertThat(none.getMessage(), containsString("holds no checkpoint journal"));
  }

  @Test
  void aCleanRunKeepsOnlyItsJournaledResultsUntilTheNextRun() throws Exception {
    Path run;
    try (TaskBeam tb = session("clean")) {
      tb.put(new double[100_000]); // captured, not a result: goes at the end
      assertThat(iterate(tb, 2, 3), equalTo(sequential(2, 3)));
      run = tb.runDirectory();
    }
    JournalReader.Contents journal = JournalReader.read(run.resolve(Journal.FILE));
    assertThat(journal.ended(), is(true));
    assertThat(journal.records().size(), is(3));
    Set<String> named = new HashSet<>();
    journal.records().forEach(r -> r.outputs().forEach(o -> named.add(o.path())));
    List<Path> sessions = sessions();
    assertThat(sessions.size(), is(1));
    try (var files = Files.walk(sessions.get(0))) {
      Set<String> left =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .map(Path::toString)
              .collect(Collectors.toSet());
      assertThat(left, equalTo(named));
    }
    assertThat(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(Journal.FILE))),
        is("rw-------"));
    try (TaskBeam tb = session("clean")) {
      assertThat(iterate(tb, 2, 1), equalTo(sequential(2, 1)));
    }
    assertThat("the next run superseded the first one's results", sessions().size(), is(1));
    assertThat(Files.exists(sessions.get(0)), is(false));
  }

  /** A program that threw an exception of its own closed its session cleanly: still resumable. */
  @Test
  void aProgramThatThrewItselfCanBeResumed() {
    try (TaskBeam tb = session("threw")) {
      iterate(tb, 4, 5);
    }
    ResumeTasks.steps.set(0);
    try (TaskBeam tb = session("threw", "--resume=last")) {
      assertThat(iterate(tb, 4, 7), equalTo(sequential(4, 7)));
    }
    assertThat("five rounds were kept, two were new", ResumeTasks.steps.get(), is(2));
  }

  /**
   * {@code time:DURATION}: with the quiet-time flush turned off, tasks submitted without a sync
   * point are started and journaled once the duration has passed; a crash later resumes from them.
   */
  @Test
  void aTimePolicyJournalsWithoutASyncPoint() throws Exception {
    String[] policy = {"--checkpoint=time:1s", "--flushQuietMillis=600000"};
    ResumeTasks.failAt = 3;
    Path run;
    try (TaskBeam tb = session("timed", policy)) {
      run = tb.runDirectory();
      TaskFuture<Long> x = tb.put(7L);
      for (int r = 0; r < 3; r++) {
        x = tb.submit(ResumeTasks::step, x, r);
      }
      Path file = run.resolve(Journal.FILE);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (journaled(file) < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat("journaled by time, no sync point", journaled(file), is(3));
      TaskFuture<Long> last = tb.submit(ResumeTasks::step, x, 3);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(last));
    }
    ResumeTasks.reset();
    assertThat(resumedChain("timed", policy, 7, 5), equalTo(sequential(7, 5)));
    assertThat("rounds 3 and 4 ran again", ResumeTasks.steps.get(), is(2));
  }

  /**
   * {@code rounds} rounds from {@code x0} submitted as one chain, run with {@code policy} and
   * {@code --resume=last}; the value waited on at the end.
   */
  private long resumedChain(String app, String[] policy, long x0, int rounds) {
    List<String> args = new ArrayList<>(List.of(policy));
    args.add("--resume=last");
    try (TaskBeam tb = session(app, args.toArray(String[]::new))) {
      TaskFuture<Long> x = tb.put(x0);
      for (int r = 0; r < rounds; r++) {
        x = tb.submit(ResumeTasks::step, x, r);
      }
      return tb.waitOn(x);
    }
  }

  /** Records of a journal being written; 0 while it does not exist yet. */
  private static int journaled(Path file) {
    return Files.exists(file) ? JournalReader.read(file).records().size() : 0;
  }

  /**
   * {@code snapshot()} under a policy that would not checkpoint yet (an hour): it runs and journals
   * what was submitted, and a crash after it resumes from there.
   */
  @Test
  void aSnapshotJournalsWhatWasSubmittedAndAResumeStartsThere() {
    String[] policy = {"--checkpoint=time:1h", "--flushQuietMillis=600000"};
    ResumeTasks.failAt = 4;
    Path run;
    try (TaskBeam tb = session("snap", policy)) {
      TaskFuture<Long> x = tb.put(2L);
      for (int r = 0; r < 3; r++) {
        x = tb.submit(ResumeTasks::step, x, r);
      }
      tb.snapshot();
      run = tb.runDirectory();
      assertThat(journaled(run.resolve(Journal.FILE)), is(3));
      x = tb.submit(ResumeTasks::step, x, 3);
      TaskFuture<Long> last = tb.submit(ResumeTasks::step, x, 4);
      assertThrows(TaskFailedException.class, () -> tb.waitOn(last));
    }
    // the failed job (rounds 3 and 4) journaled nothing: a failed job's results are lost with it
    assertThat(journaled(run.resolve(Journal.FILE)), is(3));
    ResumeTasks.reset();
    assertThat(resumedChain("snap", policy, 2, 6), equalTo(sequential(2, 6)));
    assertThat("rounds 3 to 5 ran again", ResumeTasks.steps.get(), is(3));
  }

  /** A journal of other identity rules (another taskbeam version) is refused: nothing reused. */
  @Test
  void aRunOfOtherIdentityRulesIsRefusedWithOneLine() throws Exception {
    Path old = Files.createDirectories(dir.resolve("runs").resolve("old-version"));
    Journal.create(old, new JournalHeader(Journal.FORMAT - 1, "mine", List.of(), "")).close();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> session("mine", "--resume=" + old).close());
    assertThat(
        e.getMessage(),
        is(
            "--resume: the run "
                + old
                + " was journaled with identity rules "
                + (Journal.FORMAT - 1)
                + ", this taskbeam uses "
                + Journal.FORMAT
                + ": nothing can be reused; run without --resume"));
  }

  private List<Path> sessions() throws IOException {
    try (var list = Files.list(dir.resolve("work"))) {
      return list.filter(p -> p.getFileName().toString().startsWith("session-")).toList();
    }
  }

  @Test
  void checkpointOffWritesNoJournal() {
    Path run;
    try (TaskBeam tb = session("off", "--checkpoint=off")) {
      assertThat(iterate(tb, 2, 2), equalTo(sequential(2, 2)));
      run = tb.runDirectory();
    }
    assertThat(Files.exists(run.resolve(Journal.FILE)), is(false));
  }

  @Test
  void aBadPolicyIsOneLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> session("bad", "--checkpoint=tasks:0").close());
    assertThat(
        e.getMessage(),
        is(
            "--checkpoint=tasks:0 is not a checkpoint policy: give off, sync, tasks:N (N >= 1)"
                + " or time:DURATION (e.g. time:30s, time:5m, time:1h)"));
  }

  /**
   * {@code tasks:N}: one sync point's chain is cut into jobs of at most N tasks, each journaled
   * when it ends, so a program with one sync point at its end (as Cholesky) resumes from the last
   * job that ended; an INOUT chain across the cuts keeps the sequential value.
   */
  @Test
  void everyNTasksAJobEndsAndIsJournaled() {
    ResumeTasks.failAt = 4;
    Path run;
    try (TaskBeam tb = session("every", "--checkpoint=tasks:2")) {
      TaskFuture<double[]> v = tb.put(new double[] {1, 2});
      TaskFuture<Long> x = tb.put(1L);
      for (int r = 0; r < 6; r++) {
        tb.submit(ResumeTasks::scale, v, 2.0);
        x = tb.submit(ResumeTasks::step, x, r);
      }
      TaskFuture<Long> last = x;
      assertThrows(TaskFailedException.class, () -> tb.waitOn(last));
      assertThat(tb.reports().stream().allMatch(r -> r.tasks() <= 2), is(true));
      run = tb.runDirectory();
    }
    // rounds 0 to 3 ended before round 4 failed; scale of round 4 too when a flush (quiet
    // program) cut between it and step 4
    int journaled = JournalReader.read(run.resolve(Journal.FILE)).records().size();
    assertThat(journaled, both(greaterThanOrEqualTo(8)).and(lessThanOrEqualTo(9)));
    ResumeTasks.failAt = -1;
    ResumeTasks.steps.set(0);
    ResumeTasks.scales.set(0);
    try (TaskBeam tb = session("every", "--checkpoint=tasks:2", "--resume=last")) {
      TaskFuture<double[]> v = tb.put(new double[] {1, 2});
      TaskFuture<Long> x = tb.put(1L);
      for (int r = 0; r < 6; r++) {
        tb.submit(ResumeTasks::scale, v, 2.0);
        x = tb.submit(ResumeTasks::step, x, r);
      }
      assertThat(tb.waitOn(x), equalTo(sequential(1, 6)));
      assertThat(Arrays.toString(tb.waitOn(v)), is("[64.0, 128.0]"));
    }
    assertThat(ResumeTasks.steps.get(), is(2));
    assertThat(ResumeTasks.scales.get(), is(10 - journaled));
  }
}
