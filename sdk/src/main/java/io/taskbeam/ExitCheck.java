package io.taskbeam;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a session does if the JVM exits while it is still open: a shutdown hook has the session
 * report, on stderr, the tasks that were never synced. Closing the session cancels the hook.
 */
final class ExitCheck {
  private final Thread hook;

  ExitCheck(BooleanSupplier closed, Consumer<PrintStream> report) {
    hook =
        new Thread(
            () -> {
              if (!closed.getAsBoolean()) {
                report.accept(System.err);
              }
            },
            "taskbeam-exit-check");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  void cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // the hook is running or has run
    }
  }
}
