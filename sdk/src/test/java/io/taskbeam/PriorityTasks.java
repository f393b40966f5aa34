package io.taskbeam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Tasks that leave their name in a log file as they run, to observe the order of execution. */
final class PriorityTasks {
  private PriorityTasks() {}

  @Task(priority = true)
  static int urgent(int i, String log) {
    return logged("urgent" + i, i, log);
  }

  @Task
  static int routine(int i, String log) {
    return logged("routine" + i, i, log);
  }

  @Task(priority = true)
  static int urgentAfter(int previous, String log) {
    return logged("urgentAfter" + previous, previous, log);
  }

  static int logged(String name, int value, String log) {
    try {
      Files.writeString(
          Path.of(log),
          name + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return value;
  }
}
