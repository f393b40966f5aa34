package io.taskbeam.internal.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity rules a resumed run relies on that the engine's tests cannot reach by running
 * programs (a recompiled task class), and the journal read back: records up to the last good one, a
 * foreign file refused.
 */
class IdentitiesTest {
  @TempDir Path dir;

  /** Compiles {@code body} as class {@code demo.Tasks} into its own folder; loads it. */
  private Class<?> compile(String name, String body) throws Exception {
    Path src = Files.createDirectories(dir.resolve(name + "/src/demo"));
    Path out = Files.createDirectories(dir.resolve(name + "/classes"));
    Path file = Files.writeString(src.resolve("Tasks.java"), body);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", out.toString(), file.toString()), is(0));
    URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass("demo.Tasks");
  }

  @Test
  void aRecompiledTaskClassHasAnotherCodeDigestAndTheSameBytesTheSame() throws Exception {
    String before =
        "package demo; public class Tasks { public static int f(int x) { return x + 1; } }";
    String after =
        "package demo; public class Tasks { public static int f(int x) { return x + 2; } }";
    byte[] first = Identities.code(compile("a", before));
    byte[] again = Identities.code(compile("b", before));
    byte[] changed = Identities.code(compile("c", after));
    assertThat(first, notNullValue());
    assertThat(Identities.hex(again), is(Identities.hex(first)));
    assertThat(Identities.hex(changed), not(Identities.hex(first)));
  }

  @Test
  void aJournalCorruptedMidwayIsReadUpToItsLastGoodRecord() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    byte[] id = new byte[32];
    try (Journal journal =
        Journal.create(run, new JournalHeader(Journal.FORMAT, "app", List.of(), ""))) {
      for (int i = 0; i < 3; i++) {
        id[0] = (byte) i;
        journal.append(
            List.of(
                new JournalRecord(
                    id.clone(), List.of(new JournalRecord.Output(id.clone(), "/p" + i, "d1v1")))));
      }
    }
    Path file = run.resolve(Journal.FILE);
    assertThat(JournalReader.read(file).records().size(), is(3));
    assertThat(JournalReader.read(file).warning(), nullValue());
    long size = Files.size(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x7f}), size - 20); // inside the last record
    }
    JournalReader.Contents read = JournalReader.read(file);
    assertThat(read.records().size(), is(2));
    assertThat(read.records().get(1).outputs().get(0).path(), is("/p1"));
    assertThat(read.warning(), containsString("is torn or corrupted after record 2"));
  }

  @Test
  void aFileThatIsNoJournalIsRefusedInOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve(Journal.FILE), "not a journal");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JournalReader.read(file));
    assertThat(e.getMessage(), is(file + " is not a taskbeam checkpoint journal"));
  }
}
