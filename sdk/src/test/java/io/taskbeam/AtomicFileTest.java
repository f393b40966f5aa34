package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole or not at all: the file is replaced in one step, and a failure leaves the old one. */
class AtomicFileTest {
  @TempDir Path dir;

  private Stream<String> names() throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString());
  }

  @Test
  void replacesTheFileWhole() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(file), equalTo("new"));
    assertThat(names().toList(), contains("out.txt"));
  }

  /** The work directory's bundles are written owner-only this way. */
  @Test
  void theNewFileHasTheAttributesGiven() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFile.write(
        file,
        out -> out.write("new".getBytes(StandardCharsets.UTF_8)),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    assertThat(Files.readString(file), equalTo("new"));
    assertThat(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), equalTo("rw-------"));
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemporary() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFile.write(
                    file,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertThat(e.getMessage(), equalTo("disk full"));
    assertThat(Files.readString(file), equalTo("old"));
    assertThat(names().toList(), contains("out.txt"));
  }
}
