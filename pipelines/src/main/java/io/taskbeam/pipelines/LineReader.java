package io.taskbeam.pipelines;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the lines of a text file from a byte offset, knowing where each line starts, so that a task
 * can process its share of a file: {@link #range} cuts the file into byte ranges, {@link #at}
 * starts at the first line that begins inside a range, and a line (or a record of several lines)
 * belongs to the range that holds its first byte. Bytes map 1:1 to characters (ISO-8859-1), which
 * suits ASCII formats such as FASTQ and CSV.
 */
public final class LineReader implements Closeable {
  private static final int BUFFER = 1 << 16;

  private final FileChannel channel;
  private final byte[] buffer = new byte[BUFFER];
  private final StringBuilder line = new StringBuilder(256);
  private int filled;
  private int next;
  private long position;
  private long lineStart;

  private LineReader(FileChannel channel, long position) {
    this.channel = channel;
    this.position = position;
  }

  /** Bytes {@code [start, end)} of range {@code index} out of {@code count} equal ranges. */
  public static long[] range(long size, int index, int count) {
    return new long[] {size * index / count, size * (index + 1) / count};
  }

  /** A reader at the first line that starts at or after byte {@code start}. */
  public static LineReader at(Path file, long start) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long from = Math.max(0, start - 1);
    channel.position(from);
    LineReader reader = new LineReader(channel, from);
    if (start > 0) {
      reader.next(); // the rest of the line holding byte start - 1, up to its newline
    }
    return reader;
  }

  /** The next line without its line terminator, or null at the end of the file. */
  public String next() throws IOException {
    lineStart = position;
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (next == filled && !fill()) {
        break;
      }
      any = true;
      byte b = buffer[next++];
      position++;
      if (b == '\n') {
        break;
      }
      line.append((char) (b & 0xff));
    }
    if (!any) {
      return null;
    }
    int length = line.length();
    if (length > 0 && line.charAt(length - 1) == '\r') {
      line.setLength(length - 1);
    }
    return line.toString();
  }

  private boolean fill() throws IOException {
    int n = channel.read(ByteBuffer.wrap(buffer));
    filled = Math.max(n, 0);
    next = 0;
    return n > 0;
  }

  /** Byte offset where the line last returned by {@link #next} starts. */
  public long lineStart() {
    return lineStart;
  }

  /** Byte offset of the next line. */
  public long position() {
    return position;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The 1-based number of the line holding byte {@code offset}; reads the file up to it. */
  public static long lineNumber(Path file, long offset) throws IOException {
    long line = 1;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      byte[] buffer = new byte[BUFFER];
      long remaining = offset;
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line++;
          }
        }
        remaining -= n;
      }
    }
    return line;
  }

  /** {@code text} as it appears in a message: at most 40 characters. */
  public static String excerpt(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
