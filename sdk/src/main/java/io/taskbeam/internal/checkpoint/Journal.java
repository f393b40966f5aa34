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
import java.util.zip.CRC32C;

/**
 * A run's checkpoint journal, {@value #FILE} in its run directory: append-only records, each framed
 * as its length, its bytes and their CRC-32C, and forced to disk before {@link #append} returns, so
 * a record counts once it is whole on disk and a driver killed mid-write leaves at most one torn
 * record at the end (which {@link JournalReader} drops with a warning). The first record is the
 * {@link JournalHeader}; then one {@link JournalRecord} per finished task; an end record marks a
 * run that ended cleanly. Format details: docs/checkpoints.md.
 */
public final class Journal implements AutoCloseable {
  public static final String FILE = "checkpoint.journal";

  /** Version of the identity rules and of the format: a journal of other rules is refused. */
  public static final int FORMAT = 1;

  static final int MAGIC = 0x54424a31; // "TBJ1"
  static final byte HEADER = 'H';
  static final byte TASK = 'T';
  static final byte END = 'E';

  private final Path file;
  private final FileChannel channel;
  private long records;

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

  /** Appends the records of finished tasks and forces them to disk. */
  public synchronized void append(List<JournalRecord> finished) {
    if (finished.isEmpty()) {
      return;
    }
    try {
      write(finished.stream().map(Journal::taskBytes).toList(), false);
      records += finished.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the checkpoint journal " + file, e);
    }
  }

  /** Marks the run as ended cleanly: nothing to resume. */
  public synchronized void end() {
    try {
      write(List.of(new byte[] {END}), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot end the checkpoint journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the records written were forced already
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
    channel.force(false);
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
