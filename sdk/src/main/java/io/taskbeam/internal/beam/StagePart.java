package io.taskbeam.internal.beam;

import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * One element of a stage's grouped main input: either the chunk's spec, or a value an earlier stage
 * computed for the chunk. Grouping by chunk index brings both together.
 */
record StagePart(ChunkSpec spec, String key, Object value) {

  static StagePart spec(ChunkSpec spec) {
    return new StagePart(spec, null, null);
  }

  static StagePart value(String key, Object value) {
    return new StagePart(null, key, value);
  }

  /** Specs by {@link ChunkSpecCodec}; values by {@link ValueCoder}. */
  static final class Coder extends AtomicCoder<StagePart> {
    private static final long serialVersionUID = 1L;
    static final Coder INSTANCE = new Coder();

    @Override
    public void encode(StagePart part, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      if (part.spec() != null) {
        data.writeByte(0);
        ChunkSpecCodec.write(part.spec(), data);
        data.flush();
      } else {
        data.writeByte(1);
        data.writeUTF(part.key());
        data.flush();
        ValueCoder.of().encode(part.value(), out);
      }
    }

    @Override
    public StagePart decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      if (data.readByte() == 0) {
        return spec(ChunkSpecCodec.read(data));
      }
      String key = data.readUTF();
      return value(key, ValueCoder.of().decode(in));
    }
  }
}
