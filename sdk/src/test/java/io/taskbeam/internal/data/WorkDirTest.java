package io.taskbeam.internal.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A value streamed into its bundle reads back whole; a wrong announced length writes nothing. */
class WorkDirTest {
  @RegisterExtension final SealedSessionDir work = new SealedSessionDir();

  @Test
  void aMatrixStreamedIntoItsFileReadsBack() throws Exception {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(300, 200, new Random(9));
    Path file = work.dir().resolve("in").resolve("input-d1v1.bin");
    byte[] digest = WorkDir.writeValue(file, "d1v1", m, ValueCoder.toBytes(m).length);
    assertThat(
        "the digest the seal used is the encoding's own SHA-256 (a checkpoint's content identity)",
        Arrays.equals(digest, MessageDigest.getInstance("SHA-256").digest(ValueCoder.toBytes(m))),
        is(true));
    DMatrixRMaj back = (DMatrixRMaj) WorkDir.read(new StoredRef(file.toString(), "d1v1"));
    assertThat(back.numRows, is(300));
    assertThat(Arrays.equals(back.data, 0, 60_000, m.data, 0, 60_000), is(true));
  }

  @Test
  void anEntryWhoseLengthWasChangedIsRefusedBeforeDecoding() throws Exception {
    Path file = work.dir().resolve("bundle.bin");
    WorkDir.writeBundle(
        file,
        java.util.List.of(
            new WorkDir.Entry("a", ValueCoder.toBytes(7)),
            new WorkDir.Entry("b", ValueCoder.toBytes("eight"))));
    byte[] bytes = Files.readAllBytes(file);
    bytes[3 + 7] ^= 1; // the low byte of entry "a"'s length (after its 3-byte key)
    Files.write(file, bytes);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> WorkDir.read(new StoredRef(file.toString(), "b")));
    assertThat(e.getMessage(), containsString("does not match the seal the session wrote"));
  }

  @Test
  void aWrongLengthFailsAndLeavesNoFile() throws Exception {
    DMatrixRMaj m = RandomMatrices_DDRM.rectangle(10, 10, new Random(2));
    Path file = work.dir().resolve("input-d2v1.bin");
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> WorkDir.writeValue(file, "d2v1", m, 12));
    assertThat(
        e.getMessage(),
        containsString(
            "encoded to " + ValueCoder.toBytes(m).length + " bytes, not the 12 announced"));
    try (Stream<Path> left = Files.list(work.dir())) {
      assertThat(left.count(), is(0L));
    }
  }
}
