package io.taskbeam.internal.data;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/** A class no program declares, whose deserialization has a side effect a test can see. */
public final class Injected implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Set when an instance is deserialized: must stay false. */
  public static final AtomicBoolean RAN = new AtomicBoolean();

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    RAN.set(true);
  }

  /** The bytes ValueCoder's Java-serialization fallback would hold for an instance. */
  public static byte[] asTaskValue() throws IOException {
    java.io.ByteArrayOutputStream objects = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(objects)) {
      out.writeObject(new Injected());
    }
    java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream data = new java.io.DataOutputStream(value);
    data.writeByte(14); // ValueCoder's JAVA tag
    data.writeInt(objects.size());
    objects.writeTo(data);
    data.flush();
    return value.toByteArray();
  }

  /** An unsealed bundle of one entry, as someone without the session's key could write it. */
  public static byte[] asForgedBundle(String key) throws IOException {
    byte[] value = asTaskValue();
    java.io.ByteArrayOutputStream bundle = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream data = new java.io.DataOutputStream(bundle);
    data.writeUTF(key);
    data.writeLong(value.length);
    data.write(value);
    data.write(new byte[32]); // where the seal would be
    data.flush();
    return bundle.toByteArray();
  }
}
