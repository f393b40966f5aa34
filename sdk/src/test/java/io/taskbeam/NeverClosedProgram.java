package io.taskbeam;

/**
 * A program that forgets {@code close()}: one result waited on, one task never synced. Its {@code
 * main} returns, so its JVM must end ({@link ProgramEnds} runs it as a child JVM); its arguments
 * are the session's options (the runner's). Its task is its own, so the program needs nothing
 * beyond the SDK and a runner.
 */
public final class NeverClosedProgram { // public: its task is called through a method reference
  private NeverClosedProgram() {}

  @Task
  public static int add(int a, int b) {
    return a + b;
  }

  public static void main(String[] args) {
    TaskBeam tb = TaskBeam.start(args);
    System.out.println("result " + tb.waitOn(tb.submit(NeverClosedProgram::add, 1, 2)));
    tb.submit(NeverClosedProgram::add, 3, 4);
  }
}
