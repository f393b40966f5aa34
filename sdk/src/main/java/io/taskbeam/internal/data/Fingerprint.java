package io.taskbeam.internal.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A 64-bit fingerprint of a value's encoding (CRC-32C and CRC-32 of the same bytes, both
 * computed by the JDK's intrinsics at several GB/s), made without keeping the bytes: how the
 * session notices that a program changed a plain value between two submissions of it.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /**
   * Whether {@code value} can never change: a value of such a type passed twice is the same
   * value both times, with nothing to compare.
   */
  public static boolean immutable(Object value) {
    return value == null || value instanceof String || value instanceof Number
        && value.getClass().getName().startsWith("java.lang.") || value instanceof Boolean
        || value instanceof Character || value instanceof Enum<?>;
  }

  /** The fingerprint of {@code value}'s encoding; the value must be encodable. */
  public static long of(Object value) throws IOException {
    Checksums out = new Checksums();
    ValueCoder.of().encode(value, out);
    return out.c.getValue() << 32 | out.crc.getValue();
  }

  private static final class Checksums extends OutputStream {
    final CRC32C c = new CRC32C();
    final CRC32 crc = new CRC32();

    @Override
    public void write(int b) {
      c.update(b);
      crc.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      c.update(b, off, len);
      crc.update(b, off, len);
    }
  }
}
