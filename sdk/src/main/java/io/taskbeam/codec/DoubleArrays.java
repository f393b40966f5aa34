package io.taskbeam.codec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/** Bulk big-endian I/O of double arrays for codecs: no per-element stream call. */
public final class DoubleArrays {
  /** Doubles copied per bulk step: bounds the scratch buffer at 512 KiB for any length. */
  private static final int STEP = 64 * 1024;

  private DoubleArrays() {}

  /** Writes the first {@code length} values big-endian, in bulk. */
  public static void write(double[] values, int length, OutputStream out) throws IOException {
    byte[] scratch = new byte[Math.min(length, STEP) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(scratch).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
    for (int from = 0; from < length; from += STEP) {
      int count = Math.min(STEP, length - from);
      view.clear();
      view.put(values, from, count);
      out.write(scratch, 0, count * Double.BYTES);
    }
  }

  /** Reads {@code length} big-endian values into {@code values}, in bulk. */
  public static void read(DataInputStream in, double[] values, int length) throws IOException {
    byte[] scratch = new byte[Math.min(length, STEP) * Double.BYTES];
    DoubleBuffer view = ByteBuffer.wrap(scratch).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
    for (int from = 0; from < length; from += STEP) {
      int count = Math.min(STEP, length - from);
      in.readFully(scratch, 0, count * Double.BYTES);
      view.clear();
      view.get(values, from, count);
    }
  }
}
