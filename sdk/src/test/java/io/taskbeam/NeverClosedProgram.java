package io.taskbeam;

/**
 * A program that forgets {@code close()}: one result waited on, one task never synced. Its {@code
 * main} returns, so its JVM must end ({@link ProgramEndsTest} runs it as a child JVM).
 */
public final class NeverClosedProgram {
  private NeverClosedProgram() {}

  public static void main(String[] args) {
    TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--workDir=" + args[0],
            "--runsDir=" + args[1],
            "--metricsPort=0",
            "--progress=off");
    System.out.println("result " + tb.waitOn(tb.submit(TestTasks::add, 1, 2)));
    tb.submit(TestTasks::add, 3, 4);
  }
}
