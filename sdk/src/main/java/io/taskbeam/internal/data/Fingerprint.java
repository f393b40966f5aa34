package io.taskbeam.internal.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A 64-bit fingerprint of a value's encoding (CRC-32C and CRC-32 of the same bytes, both computed
 * by the JDK's intrinsics at several GB/s), made without keeping the bytes: how the session notices
 * that a program changed a plain value between two submissions of it.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /**
   * Whether {@code value} can never change: a value of such a type passed twice is the same value
   * both times, with nothing to compare.
   */
  public static boolean immutable(Object value) {
    return value == null
        || value instanceof String
        || value instanceof Number && value.getClass().getName().startsWith("java.lang.")
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>;
  }

  /** The fingerprint of {@code value}'s encoding; the value must be encodable. */
  public static long of(Object value) throws IOException {
    Checksums out = new Checksums();
    ValueCoder.of().encode(value, out);
    out.flush();
    return out.c.getValue() << 32 | out.crc.getValue();
  }

  /**
   * Both checksums of what is written, updated per 64 KiB: codecs write in small pieces, and a
   * checksum update per piece costs more than the bytes it covers.
   */
  private static final class Checksums extends OutputStream {
    final CRC32C c = new CRC32C();
    final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int n;

    @Override
    public void write(int b) {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len >= buf.length) {
        flush();
        c.update(b, off, len);
        crc.update(b, off, len);
        return;
      }
      if (len > buf.length - n) {
        flush();
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
    }

    @Override
    public void flush() {
      c.update(buf, 0, n);
      crc.update(buf, 0, n);
      n = 0;
    }
  }
}
