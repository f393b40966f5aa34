package io.taskbeam.pipelines.conformance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.ProgramRuns;
import io.taskbeam.pipelines.cholesky.CholeskyChecks;
import io.taskbeam.pipelines.fastq.FastqChecks;
import io.taskbeam.pipelines.genetic.GeneticChecks;
import io.taskbeam.pipelines.kmeans.KMeansChecks;
import io.taskbeam.pipelines.mandelbrot.MandelbrotChecks;
import io.taskbeam.pipelines.matmul.MatMulMain;
import io.taskbeam.pipelines.matmul.TripleLoop;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The same test bodies on every runner: subclasses say how to reach the runner ({@link
 * #runnerArgs}); the bodies and the expected results do not change. Results are checked against
 * computations that do not use taskbeam (a triple-loop product, arithmetic by hand).
 */
public abstract class ConformanceSuite extends ModelConformance {
  /** An application against its sequential reference (see {@link #runsApplications}). */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Application {}

  /**
   * Whether this runner runs the bodies (every test that is not an {@link Application}); a runner
   * whose bodies run on another suite of the same runner may run only the applications.
   */
  protected boolean runsBodies() {
    return true;
  }

  @BeforeEach
  void onlyTheApplicationsWhereTheBodiesRunElsewhere(TestInfo test) {
    boolean application =
        test.getTestMethod().map(m -> m.isAnnotationPresent(Application.class)).orElse(false);
    assumeTrue(application || runsBodies(), "the bodies run on this runner in another suite");
  }

  @Test
  void blockedProductWithInoutUpdates() {
    checkProduct("inout", 96, 80, 72, 32);
  }

  @Test
  void blockedProductWithCommutativeUpdates() {
    checkProduct("commutative", 96, 80, 72, 32);
  }

  @Test
  void rowBandProduct() {
    checkProduct("rows", 90, 64, 50, 25);
  }

  /** The matmul program end to end: options, the product, its own verification. */
  @Test
  void matmulProgram() throws Exception {
    String out =
        ProgramRuns.run(MatMulMain::run, ProgramRuns.with(args(), "--n=200", "--blockSize=64"));
    // each C block's INOUT chain of 4 updates is fused into one unit: one stage
    if (oneJobPerSyncPoint()) {
      assertThat(out, containsString("plan: 64 tasks in 1 stages"));
    }
    assertThat(out, containsString(": OK"));
  }

  /** The same program with one stage per chain link: C blocks cross the runner between stages. */
  @Test
  void matmulProgramUnfused() throws Exception {
    String out =
        ProgramRuns.run(
            MatMulMain::run,
            ProgramRuns.with(args(), "--n=200", "--blockSize=64", "--fuseChains=false"));
    if (oneJobPerSyncPoint()) {
      assertThat(out, containsString("plan: 64 tasks in 4 stages"));
    }
    assertThat(out, containsString(": OK"));
  }

  /**
   * Four INOUT chains of different lengths feeding one fan-in task, then a second sync point that
   * extends a chain from its stored value: x := 3x + step is order-sensitive, so any reordering or
   * lost update changes the number.
   */
  @Test
  void inoutChainsAndFanIn() {
    try (TaskBeam tb = session()) {
      List<TaskFuture<long[]>> chains = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        TaskFuture<long[]> x = tb.submit(GraphTasks::seed, (long) c + 1);
        for (int s = 0; s <= c + 1; s++) {
          tb.submit(GraphTasks::step, x, (long) s);
        }
        chains.add(x);
      }
      TaskFuture<Long> all =
          tb.submit(GraphTasks::fanIn, chains.get(0), chains.get(1), chains.get(2), chains.get(3));
      long[] expected = new long[4];
      for (int c = 0; c < 4; c++) {
        expected[c] = c + 1;
        for (int s = 0; s <= c + 1; s++) {
          expected[c] = 3 * expected[c] + s;
        }
      }
      assertThat(
          tb.waitOn(all),
          equalTo(expected[0] + 10 * expected[1] + 100 * expected[2] + 1000 * expected[3]));
      if (oneJobPerSyncPoint()) {
        SyncReport first = tb.reports().get(0);
        assertThat(first.tasks(), is(4 + (2 + 3 + 4 + 5) + 1));
        // seeds, the four step chains fused into one unit each, the fan-in
        assertThat(first.stages(), is(3));
      }

      tb.submit(GraphTasks::step, chains.get(3), 7L);
      assertThat(tb.waitOn(chains.get(3))[0], equalTo(3 * expected[3] + 7));
      assertThat(tb.waitOn(chains.get(0))[0], equalTo(expected[0]));
    }
  }

  /** Many commutative updates of one datum from many producers: the total is exact. */
  /** How many {@link RandomPrograms} this runner runs (a sync point's cost decides). */
  protected int randomPrograms() {
    return 12;
  }

  /**
   * Random programs of INOUT, COMMUTATIVE, captures, cancels and waits: plain Java's answers. More
   * or other programs: {@code -Dtaskbeam.randomSeed=S -Dtaskbeam.randomPrograms=N}.
   */
  @Test
  void randomProgramsGiveThePlainJavaAnswers() {
    long first = Long.getLong("taskbeam.randomSeed", 20261208L);
    int programs = Integer.getInteger("taskbeam.randomPrograms", randomPrograms());
    try (TaskBeam tb = session()) {
      for (long seed = first; seed < first + programs; seed++) {
        RandomPrograms.run(tb, seed, 40);
      }
    }
  }

  @Test
  void commutativeAccumulation() {
    try (TaskBeam tb = session()) {
      TaskFuture<long[]> total = tb.put(new long[] {0});
      for (long v = 1; v <= 40; v++) {
        tb.submit(GraphTasks::accumulate, v * v, total);
      }
      assertThat(
          tb.waitOn(total)[0],
          equalTo(Stream.iterate(1L, v -> v + 1).limit(40).mapToLong(v -> v * v).sum()));
    }
  }

  /** A failing task fails the sync point at once with its own message, on every runner. */
  @Test
  void failingTaskReportsItsMessage() {
    try (TaskBeam tb = session()) {
      TaskFuture<Long> bad = tb.submit(GraphTasks::fail, 42L);
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> tb.waitOn(bad));
      assertThat(e.getMessage(), containsString("value 42 is not accepted"));
      assertThat(e.taskName(), containsString("fail"));
    }
  }

  // The applications, each against its sequential reference (the bodies live with each app).

  /**
   * Whether this runner runs the applications against their sequential references (Cholesky,
   * k-means against Lloyd's, genetic, Mandelbrot): they repeat the engine paths of the bodies above
   * with more sync points, so a runner whose every job costs seconds may leave them to {@code
   * -Plong}. k-means' fragments, fastq and matmul run everywhere.
   */
  protected boolean runsApplications() {
    return true;
  }

  @Test
  @Application
  void choleskyEqualsTheTextbookFactor() {
    assumeApplications();
    CholeskyChecks.blockedFactorEqualsTheTextbookFactor(args());
  }

  @Test
  @Application
  void kmeansEqualsSequentialLloyd() {
    assumeApplications();
    KMeansChecks.centroidsEqualSequentialLloyd(args());
  }

  @Test
  void kmeansFragmentsStayInPlace() {
    KMeansChecks.fragmentsAreNotSentFromTheDriverEachIteration(args());
  }

  @Test
  @Application
  void geneticBestEqualsTheSequentialRun() {
    assumeApplications();
    GeneticChecks.bestIndividualEqualsTheSequentialRun(args());
  }

  @Test
  void fastqStatisticsFromFileParameters() throws Exception {
    FastqChecks.programGeneratesThenAnalyses(workDir, args());
  }

  @Test
  void fastqGzipInputThroughABinaryTask() throws Exception {
    FastqChecks.gzipInputIsUnpackedByABinaryTask(workDir, args());
  }

  @Test
  @Application
  void mandelbrotIsPixelIdentical() {
    assumeApplications();
    MandelbrotChecks.bandsStackIntoTheSequentialPicture(args());
  }

  private void assumeApplications() {
    assumeTrue(runsApplications(), "the applications run on this runner with -Plong");
  }

  /** {@link #runnerArgs} plus this test's work directory. */
  protected String[] args() {
    List<String> args = new ArrayList<>(runnerArgs());
    args.add("--workDir=" + workDir.resolve("work"));
    return args.toArray(String[]::new);
  }

  private void checkProduct(String shape, int m, int k, int n, int block) {
    assertThat(
        TripleLoop.errorOf(this::session, shape, m, k, n, block, m * 7919L + n), lessThan(1e-12));
  }
}
