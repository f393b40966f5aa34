package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.taskbeam.pipelines.LongTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver SIGKILLed at a random moment after its first checkpoint, then run again with {@code
 * --resume=last}: the answer is verified, and the tasks that ran again are exactly those the
 * journal did not name (none that finished before the kill runs twice). k-means checkpoints at each
 * iteration's sync point; Cholesky, one sync point at its end, with {@code --checkpoint=tasks:10}.
 * On the DirectRunner, each run a fresh JVM as under {@code mvn exec:java}; Cholesky under {@code
 * -Plong}. The long version (10 kills each, on the local cluster): {@code
 * pipelines/bin/chaos-resume}.
 */
class DriverKillResumeIT {
  private static final Pattern RESUMED =
      Pattern.compile(
          "resumed (\\d+) of (\\d+) tasks from run (\\S+), whose journal names (\\d+) finished");
  private static final Pattern RUN_DIR = Pattern.compile("taskbeam: run directory (\\S+)");

  @TempDir Path dir;

  @Test
  void kmeansKilledMidRunResumesWithTheVerifiedAnswer() throws Exception {
    // killed once a random iteration from 2 to 15 of 20 printed: a warm iteration takes ~25 ms
    // here, so a random time after the first job (as Cholesky's) often came after the last one
    killAndResume(
        "kmeans",
        (child, journal, random) ->
            awaitOutput(child, "iteration " + (2 + random.nextInt(14)) + ":"),
        "--points=100000",
        "--maxIterations=20",
        "--epsilon=0");
  }

  /**
   * Under {@code -Plong}: {@code tasks:N} is CheckpointResumeTest's too, on the in-memory runner.
   */
  @Test
  void choleskyKilledMidRunResumesWithTheVerifiedAnswer() throws Exception {
    Assumptions.assumeTrue(LongTests.enabled(), "run with -Plong");
    killAndResume(
        "cholesky",
        (child, journal, random) -> Thread.sleep(random.nextInt(1500)),
        "--n=1024",
        "--blockSize=128",
        "--checkpoint=tasks:10");
  }

  /** Waits, after the first job was journaled, for the moment the driver is killed. */
  private interface KillPoint {
    void await(ChildProgram child, Path journal, Random random) throws Exception;
  }

  private void killAndResume(String app, KillPoint killPoint, String... appArgs) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    ChildProgram first = ChildProgram.start(dir, app, args(appArgs));
    Path journal = journalOf(first);
    long header = waitForSize(first, journal, 0);
    waitForSize(first, journal, header); // the first job ended and was journaled
    killPoint.await(first, journal, random);
    first.kill();
    assertThat(
        "the run ended before the kill (seed " + seed + "); stdout: " + first.stdout(),
        first.stdout().contains("verify:"),
        is(false));

    List<String> resume = new ArrayList<>(List.of(args(appArgs)));
    resume.add("--resume=last");
    ChildProgram second = ChildProgram.start(dir, app, resume.toArray(String[]::new));
    assertThat(second.stderr(), second.waitFor(Duration.ofMinutes(4)), is(0));
    assertThat(second.stdout(), containsString(": OK"));
    Matcher m = RESUMED.matcher(second.stderr());
    assertThat(second.stderr(), m.find(), is(true));
    int resumed = Integer.parseInt(m.group(1));
    int journaled = Integer.parseInt(m.group(4));
    assertThat(m.group(3), is(journal.getParent().toString()));
    assertThat("a checkpoint was taken before the kill", journaled, greaterThan(0));
    assertThat(
        "every journaled task was resumed, so only unfinished ones ran again (seed " + seed + ")",
        resumed,
        is(journaled));
  }

  private String[] args(String... appArgs) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--parallelism=2",
                "--workDir=" + dir.resolve("work"),
                "--runsDir=" + dir.resolve("runs"),
                "--metricsPort=-1",
                "--dashboard=off"));
    all.addAll(List.of(appArgs));
    return all.toArray(String[]::new);
  }

  /** The journal of the child's run, once it printed its run directory. */
  private static Path journalOf(ChildProgram child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = RUN_DIR.matcher(child.stderr());
      if (m.find()) {
        return Path.of(m.group(1)).resolve("checkpoint.journal");
      }
      assertThat(child.stderr(), child.process().isAlive(), is(true));
      Thread.sleep(50);
    }
    throw new AssertionError("no run directory printed in 2 minutes: " + child.stderr());
  }

  /** Waits until the child printed {@code text} on stdout. */
  private static void awaitOutput(ChildProgram child, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!child.stdout().contains(text)) {
      assertThat(
          child.stdout(), System.nanoTime() < deadline && child.process().isAlive(), is(true));
      Thread.sleep(5);
    }
  }

  /** Waits until {@code file} is larger than {@code size}; returns its size then. */
  private static long waitForSize(ChildProgram child, Path file, long size) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.size(file) > size) {
        return Files.size(file);
      }
      assertThat(child.stderr(), child.process().isAlive(), is(true));
      Thread.sleep(20);
    }
    throw new AssertionError("the journal " + file + " did not grow in 3 minutes");
  }
}
