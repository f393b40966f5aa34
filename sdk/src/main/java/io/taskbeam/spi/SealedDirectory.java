package io.taskbeam.spi;

import io.taskbeam.internal.data.SessionSeal;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.data.WorkDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A session's work directory with its seal, made as a driver makes one, for benchmarks that time
 * the read path of a work file (the HMAC pass over the file, then the decode) without a session.
 * Files written here are sealed and read back only while it is open; {@link #close} deletes it.
 *
 * <pre>{@code
 * try (SealedDirectory dir = SealedDirectory.create(Files.createTempDirectory("bench"))) {
 *   Path file = dir.write("d1v1", block);
 *   Object back = dir.read(file, "d1v1");
 * }
 * }</pre>
 */
public final class SealedDirectory implements AutoCloseable {
  private final Path dir;
  private final SessionSeal seal;

  private SealedDirectory(Path dir, SessionSeal seal) {
    this.dir = dir;
    this.seal = seal;
  }

  /** Seals {@code dir} (an existing, empty directory) for this JVM. */
  public static SealedDirectory create(Path dir) {
    return new SealedDirectory(dir, SessionSeal.create(dir));
  }

  /** The HMAC-SHA256 key the files are sealed with (to time the MAC pass alone). */
  public byte[] key() {
    return seal.key().clone();
  }

  /** Stores {@code value} under {@code key} in a sealed file of its own; returns the file. */
  public Path write(String key, Object value) throws IOException {
    Path file = dir.resolve("input-" + key + ".bin");
    WorkDir.writeBundle(file, List.of(new WorkDir.Entry(key, ValueCoder.toBytes(value))));
    return file;
  }

  /** Reads the value stored under {@code key} in {@code file}, verifying the seal first. */
  public Object read(Path file, String key) {
    return WorkDir.read(new StoredRef(file.toString(), key));
  }

  /** Forgets the seal and deletes the directory. */
  @Override
  public void close() {
    seal.forget();
    WorkDir.deleteTree(dir);
  }
}
