package io.taskbeam;

/**
 * Thrown at the first sync point under {@code --explain}, after the plan was printed and {@code
 * graph.dot} and {@code plan.dot} were written: nothing runs. {@link Cli#run} turns it into exit
 * code 0. Later sync points cannot be explained without running the first: the program needs its
 * values to go on.
 */
public final class ExplainStop extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExplainStop(String message) {
    super(message);
  }
}
