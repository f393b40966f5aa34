package io.taskbeam.internal.dashboard;

/** Where a task stands, as the dashboard colours it; {@link #code} is its letter in messages. */
public enum TaskState {
  WAITING('w'),
  RUNNING('r'),
  DONE('d'),
  FAILED('f'),
  CANCELLED('c');

  final char code;

  TaskState(char code) {
    this.code = code;
  }
}
