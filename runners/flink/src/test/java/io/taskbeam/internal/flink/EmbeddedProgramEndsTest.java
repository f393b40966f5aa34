package io.taskbeam.internal.flink;

import io.taskbeam.ProgramEnds;
import java.util.List;

/**
 * A program's end ({@link ProgramEnds}) on embedded Flink, whose mini cluster's threads are not
 * daemons: such a program whose {@code main} returned without {@code close()} once never ended;
 * SIGTERM during a job once printed a stack trace (its program thread, back from the cancelled job,
 * journaled it after the exit hook had closed the journal), and the mini cluster's close in the
 * exit hook once waited forever.
 */
class EmbeddedProgramEndsTest extends ProgramEnds {
  @Override
  protected List<String> sessionOptions() {
    return List.of("--runner=FlinkRunner", "--parallelism=2", "--dashboard=off");
  }

  /** The cancelled Flink job is named. */
  @Override
  protected String interruptedLine() {
    return "taskbeam: interrupted during sync point 1: cancelled";
  }

  @Override
  protected int startSeconds() {
    return 120;
  }
}
