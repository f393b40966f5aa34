package io.taskbeam.pipelines;

import io.taskbeam.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes an application's result file whole or not at all ({@link AtomicFile}), buffered. */
public final class OutputFiles {
  private OutputFiles() {}

  /** The body that writes the content. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  public static void write(Path file, Writer body) {
    try {
      AtomicFile.write(
          file,
          stream -> {
            OutputStream out = new BufferedOutputStream(stream);
            body.write(out);
            out.flush();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
