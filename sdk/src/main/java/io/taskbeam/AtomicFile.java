package io.taskbeam;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.UUID;

/**
 * Writes a file whole or not at all: the content goes to a new temporary sibling, which is then
 * renamed over the target in one step. A reader never sees half a file, and a failure leaves the
 * old file (or none) and no temporary behind. The SDK writes its work-directory bundles and Matrix
 * Market files this way; applications write their results with it.
 */
public final class AtomicFile {
  /** Writes the content; the stream is not buffered. */
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code file} from {@code body}; its directory must exist. The {@code attributes} are
   * those the new file is created with, e.g. {@code
   * PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))} for a file
   * only its owner reads (as the work directory's bundles are).
   */
  public static void write(Path file, Body body, FileAttribute<?>... attributes)
      throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createFile(tmp, attributes);
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        body.write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }
}
