package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
