package io.taskbeam.pipelines;

import java.nio.file.Files;
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
      throw new IllegalArgumentException(option + ": " + file + (Files.exists(path)
          ? " is not a regular file" : " does not exist"));
    }
    return path;
  }

  /** An output file whose directory must exist, checked before any work is done. */
  public static Path outputFile(String option, String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isDirectory(path.getParent())) {
      throw new IllegalArgumentException(option + ": directory " + path.getParent()
          + " does not exist; create it or write elsewhere");
    }
    return path;
  }
}
