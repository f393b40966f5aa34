package io.taskbeam.internal.data;

import io.taskbeam.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bundle files in the work directory. A chunk of tasks writes every value it must keep into one
 * bundle (so 100,000 small results make a few files, not 100,000); a large program-supplied value
 * gets a bundle of its own. An entry is the version key, the length of the encoding, then the
 * encoding; readers skip entries by length.
 *
 * <p>Writes go to a temporary name and are renamed into place, so a reader never sees half a file
 * and a retried chunk may write the same bundle again.
 */
public final class WorkDir {
  private static final int BUFFER = 1 << 20;

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
    write(
        file,
        out -> {
          out.writeUTF(key);
          out.writeLong(encodedLength);
          int before = out.size();
          ValueCoder.of().encode(value, out);
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

  /** Writes {@code file} whole or not at all ({@link AtomicFile}), creating its directory. */
  private static void write(Path file, Content content) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(
          file,
          stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, BUFFER));
            content.write(out);
            out.flush();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads one stored value. */
  public static Object read(StoredRef ref) {
    Map<String, Object> found = readAll(ref.path(), Set.of(ref.key()));
    return found.get(ref.key());
  }

  /** Reads the entries named in {@code keys} from one bundle, in one pass. */
  public static Map<String, Object> readAll(String path, Set<String> keys) {
    Map<String, Object> found = new HashMap<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(path)), BUFFER))) {
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
          found.put(key, ValueCoder.of().decode(in));
        } else {
          in.skipNBytes(length);
        }
      }
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
