package io.taskbeam.internal.data;

import io.taskbeam.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * seal, an HMAC-SHA256 keyed with the session's secret ({@link SessionSeal}) over the file's name
 * and, per entry, its key, its length and the SHA-256 of its encoding; a reader checks the seal
 * over the whole file before it decodes anything, and refuses a path outside the session's
 * directory. The per-entry digest is the value's content identity too (a checkpointed run names a
 * captured value by it), so sealing and naming cost one pass over the bytes, not two.
 */
public final class WorkDir {
  private static final int BUFFER = 1 << 20;

  /** The smallest read buffer: a small file gets one this big, not {@link #BUFFER}. */
  private static final int MIN_BUFFER = 8192;

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
            out.entry(e.key(), e.encoded());
            bytes += e.encoded().length;
          }
          IoCounter.written(bytes);
          return null;
        });
  }

  /**
   * Writes one encoded value as a bundle of its own.
   *
   * @return the SHA-256 of the encoding, which the seal needed anyway (see {@link #writeValue})
   */
  public static byte[] writeEncoded(Path file, String key, byte[] encoded) {
    return write(
        file,
        out -> {
          IoCounter.written(encoded.length);
          return out.entry(key, encoded);
        });
  }

  /**
   * Writes one value as a bundle of its own, encoding it straight into the file: no array of the
   * whole encoding is made (for a block of a few MiB, that array would be one more copy, and a
   * humongous object for G1). {@code encodedLength} must be the length of the encoding.
   *
   * @return the SHA-256 of the encoding, which the seal needed anyway: a checkpointed run names the
   *     value by it without a second pass over its bytes
   */
  public static byte[] writeValue(Path file, String key, Object value, long encodedLength) {
    return write(
        file,
        out -> {
          byte[] digest =
              out.entry(key, encodedLength, body -> ValueCoder.of().encode(value, body));
          IoCounter.written(encodedLength);
          return digest;
        });
  }

  /** What a bundle holds: its entries, in order; returns what the caller wants back, or null. */
  private interface Content {
    byte[] write(EntryWriter out) throws IOException;
  }

  /** Writes an entry's encoding. */
  private interface Encoding {
    void write(OutputStream body) throws IOException;
  }

  /**
   * Writes {@code file} whole or not at all (a private temporary, renamed into place), creating its
   * directory; the file is owner-only (0600) and ends with its seal. Returns what {@code content}
   * returned.
   */
  private static byte[] write(Path file, Content content) {
    SessionSeal seal = SessionSeal.forFile(file);
    byte[][] returned = new byte[1][];
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(
          file,
          raw -> {
            Mac mac = seal.mac(file);
            BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER);
            returned[0] = content.write(new EntryWriter(out, mac));
            out.flush();
            raw.write(mac.doFinal());
          },
          OWNER_ONLY);
      return returned[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes entries and feeds the seal: an entry's key and length as written, then the SHA-256 of
   * its encoding (hash-then-MAC: one pass over the bytes gives both the seal and the digest).
   */
  private static final class EntryWriter {
    private final OutputStream out;
    private final Mac mac;
    private final MessageDigest sha = sha256();
    private final EntryHead heads = new EntryHead();

    EntryWriter(OutputStream out, Mac mac) {
      this.out = out;
      this.mac = mac;
    }

    /** Writes one entry; returns the SHA-256 of its encoding. */
    byte[] entry(String key, long length, Encoding encoding) throws IOException {
      head(key, length);
      DigestingStream body = new DigestingStream(out, sha);
      BufferedOutputStream buffered = new BufferedOutputStream(body, 1 << 13);
      encoding.write(buffered);
      buffered.flush();
      if (body.count != length) {
        throw new IllegalStateException(
            "value "
                + key
                + " encoded to "
                + body.count
                + " bytes, not the "
                + length
                + " announced");
      }
      return sealDigest();
    }

    /**
     * Writes one entry whose encoding is at hand (a chunk's many small results: no stream is made
     * per entry); returns the SHA-256 of its encoding.
     */
    byte[] entry(String key, byte[] encoded) throws IOException {
      head(key, encoded.length);
      out.write(encoded);
      sha.update(encoded);
      return sealDigest();
    }

    private void head(String key, long length) throws IOException {
      byte[] head = heads.of(key, length);
      out.write(head);
      mac.update(head);
    }

    private byte[] sealDigest() {
      byte[] digest = sha.digest();
      mac.update(digest);
      return digest;
    }
  }

  /**
   * An entry's key (as {@code writeUTF} writes it) and the length of its encoding, made in one
   * buffer for all the entries of a file (a chunk's bundle may hold 100,000).
   */
  private static final class EntryHead {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream data = new DataOutputStream(bytes);

    byte[] of(String key, long length) throws IOException {
      bytes.reset();
      data.writeUTF(key);
      data.writeLong(length);
      return bytes.toByteArray();
    }
  }

  /** Feeds what passes through to a digest, and counts it. */
  private static final class DigestingStream extends FilterOutputStream {
    private final MessageDigest digest;
    private long count;

    DigestingStream(OutputStream out, MessageDigest digest) {
      super(out);
      this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
      digest.update((byte) b);
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      digest.update(b, off, len);
      out.write(b, off, len);
      count += len;
    }
  }

  /** A new SHA-256. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * Checks {@code file}'s seal before anything in it is decoded, and rewinds {@code channel}: reads
   * the entries' keys and lengths and hashes their encodings, as {@link EntryWriter} did.
   *
   * @return the length of its content (the file without the seal)
   * @throws IllegalStateException one line naming the file when the seal does not match
   */
  private static long verify(Path file, FileChannel channel) throws IOException {
    SessionSeal seal = SessionSeal.forFile(file);
    Mac mac = seal.mac(file);
    long content = channel.size() - SEAL;
    if (content < 0) {
      throw tampered(file);
    }
    MessageDigest sha = sha256();
    int buffer = bufferFor(content);
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                new BoundedInputStream(Channels.newInputStream(channel.position(0)), content),
                buffer));
    byte[] buf = new byte[buffer];
    EntryHead heads = new EntryHead();
    long left = content;
    try {
      while (left > 0) {
        String key = in.readUTF();
        long length = in.readLong();
        byte[] head = heads.of(key, length);
        left -= head.length;
        if (length < 0 || length > left) {
          throw tampered(file);
        }
        mac.update(head);
        for (long rest = length; rest > 0; ) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, rest));
          if (n < 0) {
            throw tampered(file);
          }
          sha.update(buf, 0, n);
          rest -= n;
        }
        left -= length;
        mac.update(sha.digest());
      }
    } catch (EOFException | UTFDataFormatException e) {
      throw tampered(file); // an entry cut short or a key that is no text: not what was written
    }
    byte[] expected = new byte[SEAL];
    InputStream rest = Channels.newInputStream(channel.position(content));
    if (rest.readNBytes(expected, 0, SEAL) != SEAL || rest.read() != -1) {
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

  /**
   * A read buffer for {@code bytes} of file: no bigger than the file (a small result's bundle read
   * 180 times in a resumed run allocated 3 MB each time), at most {@link #BUFFER}.
   */
  private static int bufferFor(long bytes) {
    return (int) Math.max(MIN_BUFFER, Math.min(BUFFER, bytes));
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
                    bufferFor(channel.size())))) {
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
