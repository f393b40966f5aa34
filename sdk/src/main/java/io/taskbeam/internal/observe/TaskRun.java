package io.taskbeam.internal.observe;

/**
 * One task call as its worker saw it.
 *
 * @param task {@code multiplyRows#3}
 * @param function the task method's short name
 * @param startMicros epoch microseconds, see {@link EventClock}
 * @param endMicros epoch microseconds
 * @param attempts calls made (more than 1 after retries)
 */
public record TaskRun(
    String task,
    String function,
    long startMicros,
    long endMicros,
    TaskOutcome outcome,
    int attempts) {

  public long durationMicros() {
    return endMicros - startMicros;
  }

  public TaskRun shifted(long micros) {
    return new TaskRun(task, function, startMicros + micros, endMicros + micros, outcome, attempts);
  }
}
