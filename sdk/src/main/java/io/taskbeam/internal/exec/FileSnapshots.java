package io.taskbeam.internal.exec;

import io.taskbeam.Direction;
import io.taskbeam.internal.graph.TaskFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of the files a call modifies (FILE_INOUT and FILE_OUT), taken before its first attempt so
 * that a RETRY starts from the file as it was and an IGNORE leaves it as it was: a file that did
 * not exist is deleted again. The copies live in the worker's temporary directory (the attempts run
 * on the same worker) and are deleted when the call is over.
 */
final class FileSnapshots implements AutoCloseable {
  static final FileSnapshots NONE = new FileSnapshots(List.of(), List.of());

  private final List<Path> files;
  private final List<Path> copies;

  private FileSnapshots(List<Path> files, List<Path> copies) {
    this.files = files;
    this.copies = copies;
  }

  /** Snapshots the files {@code fn} writes among {@code args} (paths as strings). */
  static FileSnapshots of(TaskFunction fn, Object[] args) {
    List<Path> files = new ArrayList<>();
    List<Path> copies = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        Direction dir = fn.direction(i);
        if (dir == Direction.FILE_INOUT || dir == Direction.FILE_OUT) {
          Path file = Path.of(String.valueOf(args[i]));
          if (Files.isRegularFile(file)) {
            Path copy = Files.createTempFile("taskbeam-attempt-", ".bak");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            files.add(file);
            copies.add(copy);
          } else if (!Files.exists(file)) {
            files.add(file); // no copy: restoring it is deleting what an attempt wrote
            copies.add(null);
          }
        }
      }
    } catch (IOException e) {
      new FileSnapshots(files, copies).close();
      throw new UncheckedIOException(
          "cannot keep a copy of a file task "
              + fn.displayName()
              + " modifies, to restore it between attempts: "
              + e.getMessage(),
          e);
    }
    return new FileSnapshots(files, copies);
  }

  /** Puts every file back as it was before the first attempt. */
  void restore() {
    for (int i = 0; i < files.size(); i++) {
      try {
        if (copies.get(i) != null) {
          Files.copy(copies.get(i), files.get(i), StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.isDirectory(files.get(i))) {
          Files.deleteIfExists(files.get(i));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot restore " + files.get(i) + " between attempts: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    for (Path copy : copies) {
      try {
        if (copy != null) {
          Files.deleteIfExists(copy);
        }
      } catch (IOException e) {
        // a leftover temporary file; nothing to fail for
      }
    }
  }
}
