package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed task's output without a cluster (the cluster's case is in {@link ClusterFailuresIT}): on
 * embedded Flink in a project with its own logging (log4j 2 at WARN, as docs/runners.md suggests),
 * where Flink's task-side loggers run in the program's JVM and Beam's FlinkRunner logged the whole
 * trace at ERROR (257 lines in all), and on the DirectRunner. Each must print the task's message
 * first, in at most {@value FailureOutput#MAX_LINES} lines, with the trace in the run directory.
 */
class FailureOutputIT {
  /** A user's own log4j2.properties: warnings and errors, on stderr. */
  private static final String USER_LOG4J2 =
      """
      rootLogger.level = warn
      rootLogger.appenderRef.console.ref = console
      appender.console.type = Console
      appender.console.name = console
      appender.console.target = SYSTEM_ERR
      appender.console.layout.type = PatternLayout
      appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
      """;

  @TempDir Path dir;

  @Test
  void embeddedFlinkWithTheUsersOwnLog4jConfigurationIsAtMostFiveLinesCauseFirst()
      throws Exception {
    Path config = Files.createDirectories(dir.resolve("user-resources"));
    Files.writeString(config.resolve("log4j2.properties"), USER_LOG4J2);
    List<String> classpath = new ArrayList<>();
    classpath.add(config.toString());
    classpath.addAll(FailureOutput.classpathWithout("slf4j-simple")); // the user's: log4j 2
    FailureOutput.Result run =
        FailureOutput.run(
            dir,
            classpath,
            "cholesky",
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--input=" + FailureOutput.notPositiveDefinite(dir.resolve("not-spd.mtx")),
            "--blockSize=10",
            "--runsDir=" + dir.resolve("runs"),
            "--workDir=" + dir.resolve("work"));
    assertThat(run.stderr(), run.exit(), is(1));
    assertThat(run.stderr(), not(containsString("SLF4J"))); // log4j 2 is the one backend
    List<String> lines = FailureOutput.assertShortCauseFirst(run.stderr());
    System.out.printf(
        "embedded, log4j 2: %d stderr lines, %d of them the failure%n",
        run.stderr().lines().count(), lines.size());
  }

  @Test
  void directRunnerIsAtMostFiveLinesCauseFirst() throws Exception {
    FailureOutput.Result run =
        FailureOutput.run(
            dir,
            FailureOutput.execJavaClasspath(),
            "cholesky",
            "--runner=DirectRunner",
            "--parallelism=2",
            "--input=" + FailureOutput.notPositiveDefinite(dir.resolve("not-spd.mtx")),
            "--blockSize=10",
            "--runsDir=" + dir.resolve("runs"),
            "--workDir=" + dir.resolve("work"));
    assertThat(run.stderr(), run.exit(), is(1));
    List<String> lines = FailureOutput.assertShortCauseFirst(run.stderr());
    System.out.printf(
        "DirectRunner: %d stderr lines, %d of them the failure%n",
        run.stderr().lines().count(), lines.size());
  }
}
