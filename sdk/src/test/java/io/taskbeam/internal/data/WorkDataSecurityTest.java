package io.taskbeam.internal.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work-directory data is read only through the allow-list, only when its seal verifies, and only
 * inside its session: what a hostile local user or a corrupted volume could put there is refused
 * with one line before anything in it is instantiated.
 */
class WorkDataSecurityTest {
  @TempDir Path root;
  private Path session;
  private SessionSeal seal;

  /** A type a task signature declares, holding another only through a field and a list. */
  record Reading(String where, List<Sample> samples) implements Serializable {}

  record Sample(long at, double value) implements Serializable {}

  /** A task method whose signature declares {@link Reading}. */
  static Reading keep(Reading r) {
    return r;
  }

  @BeforeEach
  void start() throws Exception {
    session = Files.createDirectory(root.resolve("session-1"));
    seal = SessionSeal.create(session);
    Injected.RAN.set(false);
  }

  @AfterEach
  void stop() {
    seal.forget();
  }

  @Test
  void anUndeclaredClassInASealedBundleIsRefusedBeforeItsReadObjectRuns() throws Exception {
    Path file = session.resolve("sync1-s0-c0.bin");
    // sealed with the session's own key: only the allow-list stands in the way
    WorkDir.writeBundle(file, List.of(new WorkDir.Entry("d1v1", Injected.asTaskValue())));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> WorkDir.read(new StoredRef(file.toString(), "d1v1")));
    assertThat(
        e.getMessage(),
        equalTo(
            "refused work file "
                + file
                + ": refused to deserialize an instance of "
                + Injected.class.getName()
                + ": it is not a type this program declares; register a ValueCodec for it, or"
                + " name it (or a type holding it in a field) in a task method's signature"));
    assertThat(Injected.RAN.get(), is(false));
  }

  @Test
  void aRewrittenBundleWithAnInjectedObjectIsRefusedByItsSeal() throws Exception {
    Path file = session.resolve("sync1-s0-c0.bin");
    WorkDir.writeBundle(file, List.of(new WorkDir.Entry("d1v1", ValueCoder.toBytes(7))));
    Files.write(file, Injected.asForgedBundle("d1v1"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> WorkDir.read(new StoredRef(file.toString(), "d1v1")));
    assertThat(e.getMessage(), containsString("refused work file " + file + ": its content"));
    assertThat(Injected.RAN.get(), is(false));
  }

  @Test
  void oneChangedByteIsRefusedNamingTheFile() throws Exception {
    Path file = session.resolve("input-d3v1.bin");
    WorkDir.writeBundle(
        file, List.of(new WorkDir.Entry("d3v1", ValueCoder.toBytes(new double[] {1, 2, 3}))));
    assertThat(((double[]) WorkDir.read(new StoredRef(file.toString(), "d3v1")))[2], is(3.0));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 40] ^= 1; // inside the last double
    Files.write(file, bytes);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> WorkDir.read(new StoredRef(file.toString(), "d3v1")));
    assertThat(
        e.getMessage(),
        equalTo(
            "refused work file "
                + file
                + ": its content does not match the seal the session wrote"
                + " (changed or truncated after it was written); nothing in it was read"));
    // a sealed file renamed to another name does not verify either: the name is sealed too
    Path other = session.resolve("input-d4v1.bin");
    WorkDir.writeBundle(other, List.of(new WorkDir.Entry("d3v1", ValueCoder.toBytes(5))));
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThrows(
        IllegalStateException.class, () -> WorkDir.read(new StoredRef(file.toString(), "d3v1")));
  }

  @Test
  void aPathOutsideTheSessionIsRefusedForReadingAndWriting() throws Exception {
    Path outside = root.resolve("elsewhere.bin");
    Files.write(outside, Injected.asForgedBundle("d1v1"));
    String escaping = session.resolve("../elsewhere.bin").toString();
    IllegalStateException read =
        assertThrows(
            IllegalStateException.class, () -> WorkDir.read(new StoredRef(escaping, "d1v1")));
    assertThat(
        read.getMessage(),
        equalTo(
            "refused work file "
                + escaping
                + ": it lies outside every session directory of this JVM"
                + " (a path in a chunk spec or bundle may not leave its session)"));
    IllegalStateException write =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkDir.writeBundle(
                    Path.of(escaping), List.of(new WorkDir.Entry("k", new byte[1]))));
    assertThat(write.getMessage(), containsString("outside every session directory"));
    assertThat(Injected.RAN.get(), is(false));
  }

  @Test
  void theJdkHashCollectionsReadBack() throws Exception {
    // until 2026-12-07 a HashMap or HashSet with entries was refused: their readObject checks a
    // Map$Entry[] with the filter first, and a task's INOUT HashMap failed its sync point
    List<Object> values =
        List.of(
            new HashMap<>(Map.of("x", 2, "y", 1)),
            new LinkedHashMap<>(Map.of("k", List.of(1L))),
            new HashSet<>(Set.of("a", "b")),
            new LinkedHashSet<>(Set.of(3, 4)));
    Path file = session.resolve("sync3-s0-c0.bin");
    List<WorkDir.Entry> entries = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      entries.add(new WorkDir.Entry("v" + i, ValueCoder.toBytes(values.get(i))));
    }
    WorkDir.writeBundle(file, entries);
    Map<String, Object> back = WorkDir.readAll(file.toString(), Set.of("v0", "v1", "v2", "v3"));
    for (int i = 0; i < values.size(); i++) {
      assertThat(back.get("v" + i), equalTo(values.get(i)));
    }
  }

  @Test
  void declaredTypesAndWhatTheirFieldsHoldReadBackAndFilesAreOwnerOnly() throws Exception {
    assertThat(SerialAllowList.allowed(Sample.class), is(false));
    SerialAllowList.declare(WorkDataSecurityTest.class.getDeclaredMethod("keep", Reading.class));
    assertThat(SerialAllowList.allowed(Sample.class), is(true)); // through List<Sample> samples
    Reading r =
        new Reading("lab", new ArrayList<>(List.of(new Sample(1, 0.5), new Sample(2, 1.5))));
    Path file = session.resolve("sync2-s0-c0.bin");
    WorkDir.writeBundle(
        file,
        List.of(
            new WorkDir.Entry("a", ValueCoder.toBytes(r)),
            new WorkDir.Entry("b", ValueCoder.toBytes(Map.of("k", List.of(1L, 2L))))));
    Map<String, Object> back = WorkDir.readAll(file.toString(), Set.of("a", "b"));
    assertThat(back.get("a"), equalTo(r));
    assertThat(back.get("b"), equalTo(Map.of("k", List.of(1L, 2L))));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), is("rw-------"));
  }
}
