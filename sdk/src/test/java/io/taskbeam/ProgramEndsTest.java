package io.taskbeam;

import java.util.List;

/** A program's end ({@link ProgramEnds}) on the DirectRunner. */
class ProgramEndsTest extends ProgramEnds {
  @Override
  protected List<String> sessionOptions() {
    return List.of("--runner=DirectRunner", "--metricsPort=0", "--progress=off");
  }
}
