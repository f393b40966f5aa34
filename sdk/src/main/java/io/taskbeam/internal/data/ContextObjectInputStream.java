package io.taskbeam.internal.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Java deserialization that resolves classes through the thread's context class loader: on Flink,
 * the job's class loader, which holds the application's task classes.
 */
public final class ContextObjectInputStream extends ObjectInputStream {
  public ContextObjectInputStream(byte[] bytes) throws IOException {
    super(new ByteArrayInputStream(bytes));
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc)
      throws IOException, ClassNotFoundException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader != null) {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        // fall back to the default resolution below
      }
    }
    return super.resolveClass(desc);
  }
}
