package io.taskbeam.internal.flink;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;

/**
 * A program on embedded Flink that never closes its session ({@link EmbeddedProgramEndsTest}): it
 * waits on one task, submits another it never waits on, and returns from {@code main}.
 */
public final class UnclosedProgram { // public: its task is called through a method reference
  private UnclosedProgram() {}

  @Task
  public static int add(int a, int b) {
    return a + b;
  }

  public static void main(String[] args) {
    TaskBeam tb = ChildPrograms.embeddedSession(2, args[0], args[1]);
    System.out.println("result " + tb.waitOn(tb.submit(UnclosedProgram::add, 1, 2)));
    tb.submit(UnclosedProgram::add, 3, 4);
  }
}
