package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import io.taskbeam.matrix.MatrixMarket;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;

/**
 * What a failed task prints, checked the same way on every runner: a Cholesky of a matrix that is
 * not positive definite, run in a child JVM set up as {@code mvn exec:java} runs it ({@link
 * ExecJavaLike}), must print the task's message on the first line of its failure output, at most
 * {@value #MAX_LINES} lines in all, and keep the whole trace in the run directory.
 */
final class FailureOutput {
  /** The issue's bar: the failure in at most this many lines on stderr. */
  static final int MAX_LINES = 5;

  /** What the failing task says, from the first line on. */
  static final String MESSAGE = "block (2,2) is not positive definite: pivot ";

  private static final Pattern TRACE_FILE = Pattern.compile("; full trace in (\\S+failures\\.txt)");

  private FailureOutput() {}

  /** A 40x40 symmetric matrix whose block (2,2) of 10x10 blocks has a negative pivot. */
  static Path notPositiveDefinite(Path file) {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(40, 40, -1, 1, new java.util.Random(3));
    DMatrixRMaj a = new DMatrixRMaj(40, 40);
    CommonOps_DDRM.multTransB(m, m, a); // M M^T + 40 I is positive definite ...
    for (int i = 0; i < 40; i++) {
      a.add(i, i, 40);
    }
    a.set(25, 25, -1); // ... until one diagonal entry of block (2,2) is negative
    MatrixMarket.write(file, a);
    return file;
  }

  /**
   * The lines of {@code stderr} that the failure printed: all but the session's start-up lines (run
   * directory, metrics, dashboard) and the progress lines, whose number depends on how long the
   * sync point ran.
   */
  static List<String> failureLines(String app, String stderr) {
    Pattern progress = Pattern.compile(Pattern.quote(app) + " sync [0-9]+: .*");
    return stderr
        .lines()
        .filter(l -> !l.isBlank())
        .filter(l -> !(l.startsWith("taskbeam: run directory ") && !l.contains("(report: ")))
        .filter(l -> !l.startsWith("taskbeam: metrics at "))
        .filter(l -> !l.startsWith("taskbeam: dashboard "))
        .filter(l -> !progress.matcher(l).matches())
        .toList();
  }

  /**
   * Asserts the bar on a Cholesky's {@code stderr}: the task's message on the first failure line,
   * which names the trace file; at most {@value #MAX_LINES} failure lines; the trace file holds the
   * task's exception with its stack. Returns the failure lines (the report of a test prints them).
   */
  static List<String> assertShortCauseFirst(String stderr) throws Exception {
    List<String> lines = failureLines("cholesky", stderr);
    assertThat(stderr, lines.size(), lessThanOrEqualTo(MAX_LINES));
    assertThat(stderr, lines.size(), greaterThan(0));
    assertThat(stderr, lines.get(0), startsWith("taskbeam: sync point 1 failed: task potrf#"));
    assertThat(stderr, lines.get(0), containsString(MESSAGE));
    Matcher file = TRACE_FILE.matcher(lines.get(0));
    assertThat(lines.get(0), file.find(), is(true));
    String trace = Files.readString(Path.of(file.group(1)), StandardCharsets.UTF_8);
    assertThat(trace, containsString("io.taskbeam.pipelines.BadInputException: " + MESSAGE));
    assertThat(trace, containsString("at io.taskbeam.pipelines.cholesky.BlockedCholesky.potrf("));
    assertThat(stderr, lines.get(lines.size() - 1), startsWith("cholesky: error: " + MESSAGE));
    return lines;
  }

  /**
   * Runs {@code -Dapp=app} with {@code args} in a child JVM as {@code mvn exec:java} would, on
   * {@code classpath} (the program's, in a class loader of its own); returns its exit code and
   * stderr once it ended (at most 180 s).
   */
  static Result run(Path dir, List<String> classpath, String app, String... args) throws Exception {
    ChildProgram child = ChildProgram.start(dir, "1g", classpath, app, args);
    int exit = child.waitFor(Duration.ofSeconds(180));
    return new Result(exit, child.stderr());
  }

  /**
   * The test JVM's class path with one slf4j backend, as {@code exec:java} has: slf4j-simple
   * (pipelines' runtime binding), without the log4j 2 binding the cluster launcher brings to tests.
   */
  static List<String> execJavaClasspath() {
    return classpathWithout("log4j-slf4j2-impl");
  }

  /** The test JVM's class path without the entries whose path contains {@code part}. */
  static List<String> classpathWithout(String part) {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isBlank() && !s.contains(part))
        .toList();
  }

  /** A child program's end. */
  record Result(int exit, String stderr) {}
}
