package io.taskbeam.internal.data;

import io.taskbeam.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Bundle files in the work directory. A chunk of tasks writes every value it must keep into one
 * bundle (so 100,000 small results make a few files, not 100,000); a large program-supplied value
 * gets a bundle of its own. An entry is the version key, the length of the encoding, then the
 * encoding; readers skip entries by length.
 *
 * <p>Writes go to a private (0600) temporary name and are renamed into place, so a reader never
 * sees half a file and a retried chunk may write the same bundle again. Every file ends with its
 * seal, an HMAC-SHA256 of its name and content keyed with the session's secret ({@link
 * SessionSeal}); a reader checks the seal over the whole file before it decodes anything, and
 * refuses a path outside the session's directory.
 */
public final class WorkDir {
  private static final int BUFFER = 1 << 20;

  /** Length of the seal at the end of every file: an HMAC-SHA256. */
  private static final int SEAL = 32;

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private WorkDir() {}

  /** One entry: an encoded value ({@code byte[]} from {@link ValueCoder#toBytes}). */
  public record Entry(String key, byte[] encoded) {}

  public static void writeBundle(Path file, Iterable<Entry> entries) {
    write(
        file,
        out -> {
          long bytes = 0;
          for (Entry e : entries) {
            out.writeUTF(e.key());
            out.writeLong(e.encoded().length);
            out.write(e.encoded());
            bytes += e.encoded().length;
          }
          IoCounter.written(bytes);
        });
  }

  /**
   * Writes one value as a bundle of its own, encoding it straight into the file: no array of the
   * whole encoding is made (for a block of a few MiB, that array would be one more copy, and a
   * humongous object for G1). {@code encodedLength} must be the length of the encoding.
   */
  public static void writeValue(Path file, String key, Object value, long encodedLength) {
    writeValue(file, key, value, encodedLength, null);
  }

  /**
   * As {@link #writeValue(Path, String, Object, long)}, feeding the encoding to {@code digest} too
   * (null: none) as it is written: how a checkpointed run names a large value by its content
   * without encoding it twice.
   */
  public static void writeValue(
      Path file, String key, Object value, long encodedLength, MessageDigest digest) {
    write(
        file,
        out -> {
          out.writeUTF(key);
          out.writeLong(encodedLength);
          int before = out.size();
          ValueCoder.of().encode(value, digest == null ? out : new DigestOutputStream(out, digest));
          if (out.size() - before != encodedLength) {
            throw new IllegalStateException(
                "value "
                    + key
                    + " encoded to "
                    + (out.size() - before)
                    + " bytes, not the "
                    + encodedLength
                    + " announced");
          }
          IoCounter.written(encodedLength);
        });
  }

  /** What a bundle holds, written to a buffered stream. */
  private interface Content {
    void write(DataOutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} whole or not at all (a private temporary, renamed into place), creating its
   * directory; the file is owner-only (0600) and ends with its seal.
   */
  private static void write(Path file, Content content) {
    SessionSeal seal = SessionSeal.forFile(file);
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(
          file,
          raw -> {
            Mac mac = seal.mac(file);
            DataOutputStream out =
                new DataOutputStream(
                    new MacOutputStream(new BufferedOutputStream(raw, BUFFER), mac));
            content.write(out);
            out.flush();
            raw.write(mac.doFinal());
          },
          OWNER_ONLY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Feeds what passes through to a MAC. */
  private static final class MacOutputStream extends FilterOutputStream {
    private final Mac mac;

    MacOutputStream(OutputStream out, Mac mac) {
      super(out);
      this.mac = mac;
    }

    @Override
    public void write(int b) throws IOException {
      mac.update((byte) b);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      mac.update(b, off, len);
      out.write(b, off, len);
    }
  }

  /**
   * Checks {@code file}'s seal before anything in it is decoded, and rewinds {@code channel}.
   *
   * @return the length of its content (the file without the seal)
   * @throws IllegalStateException one line naming the file when the seal does not match
   */
  private static long verify(Path file, FileChannel channel) throws IOException {
    SessionSeal seal = SessionSeal.forFile(file);
    Mac mac = seal.mac(file);
    byte[] expected = new byte[SEAL];
    InputStream in = Channels.newInputStream(channel.position(0));
    long content = channel.size() - SEAL;
    if (content < 0) {
      throw tampered(file);
    }
    byte[] buf = new byte[BUFFER];
    long left = content;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw tampered(file);
      }
      mac.update(buf, 0, n);
      left -= n;
    }
    if (in.readNBytes(expected, 0, SEAL) != SEAL || in.read() != -1) {
      throw tampered(file);
    }
    if (!MessageDigest.isEqual(mac.doFinal(), expected)) {
      throw tampered(file);
    }
    channel.position(0);
    return content;
  }

  private static IllegalStateException tampered(Path file) {
    return new IllegalStateException(
        "refused work file "
            + file
            + ": its content does not match the seal the session wrote"
            + " (changed or truncated after it was written); nothing in it was read");
  }

  /** Reads one stored value. */
  public static Object read(StoredRef ref) {
    Map<String, Object> found = readAll(ref.path(), Set.of(ref.key()));
    return found.get(ref.key());
  }

  /** The encoding of one stored value, as written (seal checked, nothing decoded). */
  public static byte[] readEncoded(StoredRef ref) {
    return (byte[]) scan(ref.path(), Set.of(ref.key()), true).get(ref.key());
  }

  /** Reads the entries named in {@code keys} from one bundle, in one pass. */
  public static Map<String, Object> readAll(String path, Set<String> keys) {
    return scan(path, keys, false);
  }

  /** The entries named in {@code keys}: decoded values, or their encodings when {@code raw}. */
  private static Map<String, Object> scan(String path, Set<String> keys, boolean raw) {
    Map<String, Object> found = new HashMap<>();
    Path file = Path.of(path);
    SessionSeal.forFile(file); // a path outside the session is refused before it is opened
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        DataInputStream in =
            new DataInputStream(
                new BufferedInputStream(
                    // the same open file is checked, then decoded: a rename in between is moot
                    new BoundedInputStream(Channels.newInputStream(channel), verify(file, channel)),
                    BUFFER))) {
      while (found.size() < keys.size()) {
        String key;
        try {
          key = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        long length = in.readLong();
        if (keys.contains(key)) {
          IoCounter.read(length);
          found.put(key, raw ? in.readNBytes((int) length) : ValueCoder.of().decode(in));
        } else {
          in.skipNBytes(length);
        }
      }
    } catch (SerialAllowList.RefusedData e) {
      throw new IllegalStateException("refused work file " + path + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read task data from "
              + path
              + ": is the work directory shared with every worker? ("
              + e.getMessage()
              + ")",
          e);
    }
    for (String key : keys) {
      if (!found.containsKey(key)) {
        throw new IllegalStateException("task data " + key + " is missing from " + path);
      }
    }
    return found;
  }

  /** Deletes a session's directory and everything in it; quiet if it is already gone. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete work directory " + dir, e);
    }
  }
}
