package io.taskbeam.internal.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a {@link Journal} back: the header, then task records up to the last whole one whose
 * checksum matches. A torn or corrupted record ends the reading there, with a warning naming it;
 * the records before it stand.
 */
public final class JournalReader {
  private JournalReader() {}

  /**
   * What a journal holds.
   *
   * @param header its header
   * @param records the task records up to the last good one
   * @param ended whether the run ended cleanly
   * @param warning why reading stopped before the end of the file, or null
   */
  public record Contents(
      JournalHeader header, List<JournalRecord> records, boolean ended, String warning) {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException one line when it is no journal, or its header is unreadable
   */
  public static Contents read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the checkpoint journal " + file + ": " + e.getMessage());
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
    try {
      if (all.length < 4 || in.readInt() != Journal.MAGIC) {
        throw new IllegalArgumentException(file + " is not a taskbeam checkpoint journal");
      }
      byte[] first = frame(in);
      if (first == null || first[0] != Journal.HEADER) {
        throw new IllegalArgumentException(
            "the checkpoint journal " + file + " has no readable header: nothing can be resumed");
      }
      JournalHeader header = header(first);
      List<JournalRecord> records = new ArrayList<>();
      boolean ended = false;
      String warning = null;
      while (in.available() > 0) {
        byte[] payload = frame(in);
        if (payload == null || payload.length == 0) {
          warning =
              "the checkpoint journal "
                  + file
                  + " is torn or corrupted after record "
                  + records.size()
                  + "; resuming from the "
                  + records.size()
                  + " records before it";
          break;
        }
        if (payload[0] == Journal.END) {
          ended = true;
        } else if (payload[0] == Journal.TASK) {
          records.add(task(payload));
        }
      }
      return new Contents(header, records, ended, warning);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the checkpoint journal " + file + " has no readable header: nothing can be resumed");
    }
  }

  /**
   * The header of {@code file} and whether its last record is the end record, reading only those
   * two (a journal of a million tasks is tens of MB; a start of the program looks at every earlier
   * run's).
   *
   * @throws IllegalArgumentException one line when it is no journal, or its header is unreadable
   */
  public static Contents summary(Path file) {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate((int) Math.min(size, 1 << 16));
      while (head.hasRemaining() && ch.read(head) > 0) {
        // fill
      }
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(head.array(), 0, head.position()));
      if (head.position() < 4 || in.readInt() != Journal.MAGIC) {
        throw new IllegalArgumentException(file + " is not a taskbeam checkpoint journal");
      }
      byte[] first = frame(in);
      if (first == null || first[0] != Journal.HEADER) {
        throw new IllegalArgumentException(
            "the checkpoint journal " + file + " has no readable header: nothing can be resumed");
      }
      java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(9);
      boolean ended = false;
      if (size >= 13) {
        ch.read(tail, size - 9);
        tail.flip();
        ended = tail.getInt() == 1 && tail.get() == Journal.END;
      }
      return new Contents(header(first), List.of(), ended, null);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the checkpoint journal " + file + ": " + e.getMessage());
    }
  }

  /** One framed payload whose checksum matches, or null when the frame is torn or corrupted. */
  private static byte[] frame(DataInputStream in) throws IOException {
    try {
      int length = in.readInt();
      if (length < 0 || length > in.available() - 4) {
        return null;
      }
      byte[] payload = in.readNBytes(length);
      int stored = in.readInt();
      CRC32C crc = new CRC32C();
      crc.update(payload);
      return (int) crc.getValue() == stored ? payload : null;
    } catch (EOFException e) {
      return null;
    }
  }

  private static JournalHeader header(byte[] payload) throws IOException {
    DataInputStream in = fields(payload);
    int format = in.readInt();
    String program = in.readUTF();
    String resumedFrom = in.readUTF();
    int n = in.readInt();
    List<JournalHeader.Session> sessions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String dir = in.readUTF();
      byte[] key = in.readNBytes(in.readInt());
      sessions.add(new JournalHeader.Session(dir, key));
    }
    return new JournalHeader(format, program, sessions, resumedFrom);
  }

  private static JournalRecord task(byte[] payload) throws IOException {
    DataInputStream in = fields(payload);
    byte[] task = in.readNBytes(32);
    int n = in.readInt();
    List<JournalRecord.Output> outputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] identity = in.readNBytes(32);
      outputs.add(new JournalRecord.Output(identity, in.readUTF(), in.readUTF()));
    }
    return new JournalRecord(task, outputs);
  }

  /** The fields after a payload's type byte. */
  private static DataInputStream fields(byte[] payload) throws IOException {
    InputStream in = new ByteArrayInputStream(payload);
    in.skipNBytes(1);
    return new DataInputStream(in);
  }
}
