package io.taskbeam.testlab;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to two streams at once: a test reads what a run printed (the dashboard's address) from
 * one, while the other (the real stderr) keeps it in the test's log.
 */
public final class TeeOutputStream extends OutputStream {
  private final OutputStream first;
  private final OutputStream second;

  public TeeOutputStream(OutputStream first, OutputStream second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void write(int b) throws IOException {
    first.write(b);
    second.write(b);
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    first.write(buf, off, len);
    second.write(buf, off, len);
  }

  @Override
  public void flush() throws IOException {
    first.flush();
    second.flush();
  }
}
