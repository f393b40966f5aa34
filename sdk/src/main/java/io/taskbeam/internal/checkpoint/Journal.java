package io.taskbeam.internal.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

/**
 * A run's checkpoint journal, {@value #FILE} in its run directory: append-only records, each framed
 * as its length, its bytes and their CRC-32C, written in one call by {@link #append} and forced to
 * disk right after on the journal's own thread (a group commit: the program does not wait for the
 * disk, which here took 0.3-200 ms per force while workers wrote their bundles). A killed driver
 * loses no written record (the kernel holds it); a machine that loses power may lose the last ones,
 * whose tasks a resume runs again. A driver killed mid-write leaves at most one torn record at the
 * end (which {@link JournalReader} drops with a warning). The first record is the {@link
 * JournalHeader}; then one {@link JournalRecord} per finished task; an end record marks a run that
 * ended cleanly. Format details: docs/checkpoints.md.
 */
public final class Journal implements AutoCloseable {
  public static final String FILE = "checkpoint.journal";

  /**
   * Version of the identity rules and of the format: a journal of other rules is refused. 2: the
   * bundles it names are sealed per entry ({@code WorkDir}), which format 1's runs were not.
   */
  public static final int FORMAT = 2;

  static final int MAGIC = 0x54424a31; // "TBJ1"
  static final byte HEADER = 'H';
  static final byte TASK = 'T';
  static final byte END = 'E';

  private final Path file;
  private final FileChannel channel;
  private long records;

  /** Forces the records written to disk, off the program's thread. */
  private final ExecutorService forcer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "taskbeam-journal");
            t.setDaemon(true);
            return t;
          });

  private final AtomicBoolean forceQueued = new AtomicBoolean();
  private volatile IOException forceFailed;

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates the journal of a run in {@code runDir}, owner-only, and writes its header. */
  public static Journal create(Path runDir, JournalHeader header) {
    Path file = runDir.resolve(FILE);
    try {
      FileChannel channel =
          FileChannel.open(
              file,
              java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Journal journal = new Journal(file, channel);
      journal.write(List.of(headerBytes(header)), true);
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the checkpoint journal " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Records written, the header not counted. */
  public synchronized long records() {
    return records;
  }

  /** Appends the records of finished tasks; the journal's thread forces them to disk. */
  public synchronized void append(List<JournalRecord> finished) {
    if (finished.isEmpty()) {
      return;
    }
    try {
      throwForceFailure();
      write(finished.stream().map(Journal::taskBytes).toList(), false);
      records += finished.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the checkpoint journal " + file, e);
    }
    if (forceQueued.compareAndSet(false, true)) {
      forcer.execute(
          () -> {
            forceQueued.set(false); // records written from now on queue another force
            try {
              channel.force(false);
            } catch (IOException e) {
              forceFailed = e;
            }
          });
    }
  }

  /** Marks the run as ended cleanly (nothing to resume) and forces the journal to disk. */
  public synchronized void end() {
    try {
      write(List.of(new byte[] {END}), false);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot end the checkpoint journal " + file, e);
    }
  }

  /** Forces what was written and closes the file. */
  @Override
  public synchronized void close() {
    forcer.shutdown();
    try {
      if (!forcer.awaitTermination(30, TimeUnit.SECONDS)) {
        forcer.shutdownNow();
      }
      channel.force(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      forceFailed = e;
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        // closing after the force: what was written is on disk or forceFailed says why not
      }
    }
  }

  private void throwForceFailure() throws IOException {
    IOException failed = forceFailed;
    if (failed != null) {
      throw new IOException("an earlier force to disk failed: " + failed.getMessage(), failed);
    }
  }

  /** Writes the framed payloads in one write (after the magic number when {@code first}). */
  private void write(List<byte[]> payloads, boolean first) throws IOException {
    int size = first ? 4 : 0;
    for (byte[] p : payloads) {
      size += p.length + 8;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    if (first) {
      buf.putInt(MAGIC);
    }
    for (byte[] p : payloads) {
      CRC32C crc = new CRC32C();
      crc.update(p);
      buf.putInt(p.length).put(p).putInt((int) crc.getValue());
    }
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    if (first) {
      channel.force(false);
    }
  }

  private static byte[] headerBytes(JournalHeader h) {
    return bytes(
        out -> {
          out.writeByte(HEADER);
          out.writeInt(h.format());
          out.writeUTF(h.program());
          out.writeUTF(h.resumedFrom());
          out.writeInt(h.sessions().size());
          for (JournalHeader.Session s : h.sessions()) {
            out.writeUTF(s.dir());
            out.writeInt(s.key().length);
            out.write(s.key());
          }
        });
  }

  private static byte[] taskBytes(JournalRecord r) {
    return bytes(
        out -> {
          out.writeByte(TASK);
          out.write(r.task());
          out.writeInt(r.outputs().size());
          for (JournalRecord.Output o : r.outputs()) {
            out.write(o.identity());
            out.writeUTF(o.path());
            out.writeUTF(o.key());
          }
        });
  }

  private interface Fields {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Fields fields) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      fields.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // to memory: cannot happen
    }
    return buf.toByteArray();
  }
}
