package io.taskbeam.internal.exec;

import io.taskbeam.Direction;
import io.taskbeam.internal.plan.CallSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes a call that modifies files in place (FILE_INOUT, and FILE_OUT onto an existing file) safe
 * to run again after its worker was lost: the first run keeps each such file as it was before the
 * call (or a marker that it did not exist) in the sync point's attempt directory, shared like the
 * work directory; a later run of the same call (a Flink restart, or the driver re-running the sync
 * point on fewer workers) first puts the file back. Without this, a task that appends to its file
 * would append twice when its TaskManager is killed after it ran. Within one run, RETRY attempts
 * are covered by {@link FileSnapshots}.
 */
final class PreImages {
  private static final String ABSENT = ".absent";

  private PreImages() {}

  /** Before {@code call} runs with {@code args}: restores its files, or keeps them as they are. */
  static void prepare(Path attemptDir, CallSpec call, Object[] args) {
    if (attemptDir == null) {
      return;
    }
    try {
      for (int i = 0; i < args.length; i++) {
        Direction dir = call.function().direction(i);
        if (dir != Direction.FILE_INOUT && dir != Direction.FILE_OUT) {
          continue;
        }
        Path file = Path.of(String.valueOf(args[i]));
        String name = call.taskName().replaceAll("[^A-Za-z0-9_.-]", "_") + "-arg" + i;
        Path kept = attemptDir.resolve(name);
        Path absent = attemptDir.resolve(name + ABSENT);
        if (Files.exists(kept)) {
          Files.copy(kept, file, StandardCopyOption.REPLACE_EXISTING);
        } else if (Files.exists(absent)) {
          Files.deleteIfExists(file);
        } else {
          Files.createDirectories(attemptDir);
          if (Files.isRegularFile(file)) {
            Path part = Files.createTempFile(attemptDir, name, ".part");
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, kept, StandardCopyOption.ATOMIC_MOVE);
          } else {
            Files.createFile(absent);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep or restore the files task " + call.taskName() + " modifies: " + e, e);
    }
  }
}
