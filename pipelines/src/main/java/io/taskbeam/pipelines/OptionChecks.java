package io.taskbeam.pipelines;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The checks of command-line values every application makes, with the same messages. */
public final class OptionChecks {
  private OptionChecks() {}

  public static void positive(String option, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be a positive integer; got " + value);
    }
  }

  /** An input file that must exist now. */
  public static Path inputFile(String option, String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          option
              + ": "
              + file
              + (Files.exists(path) ? " is not a regular file" : " does not exist"));
    }
    return path;
  }

  /**
   * An output file, checked before any work is done so a long computation never ends in an
   * unwritable path: its directory must exist (it is not created), the file must not exist unless
   * {@code overwrite} ({@code --overwrite}), and the directory must accept a new file (tried with a
   * probe file that is removed at once).
   */
  public static Path outputFile(String option, String file, boolean overwrite) {
    Path path = Path.of(file).toAbsolutePath();
    Path dir = path.getParent();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option
              + ": directory "
              + dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + "; create it or write elsewhere");
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(option + ": " + path + " is a directory; name a file");
    }
    if (Files.exists(path) && !overwrite) {
      throw new IllegalArgumentException(
          option + ": " + path + " exists; remove it, write " + "elsewhere, or add --overwrite");
    }
    try {
      Path probe = Files.createTempFile(dir, ".taskbeam-write-check", ".tmp");
      Files.delete(probe);
      if (Files.exists(path) && !Files.isWritable(path)) {
        throw new AccessDeniedException(path.toString());
      }
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          option + ": cannot write " + path + " (permission " + "denied); write elsewhere");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option + ": cannot write " + path + " (" + reason(e) + "); write elsewhere");
    }
    return path;
  }

  /** The operating system's reason in an I/O failure, e.g. "Read-only file system". */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
