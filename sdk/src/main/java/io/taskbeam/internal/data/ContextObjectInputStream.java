package io.taskbeam.internal.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Java deserialization that resolves classes through the thread's context class loader (on Flink,
 * the job's class loader, which holds the application's task classes) and never without a filter:
 * {@link SerialAllowList#FILTER} unless the caller names a narrower one.
 */
public final class ContextObjectInputStream extends ObjectInputStream {
  private ContextObjectInputStream(byte[] bytes, ObjectInputFilter filter) throws IOException {
    super(new ByteArrayInputStream(bytes));
    setObjectInputFilter(filter);
  }

  /**
   * Reads one object through {@code filter}; a refused class ends in an {@link IOException} whose
   * message is the one line naming the class and the fix.
   */
  public static Object readFiltered(byte[] bytes, ObjectInputFilter filter)
      throws IOException, ClassNotFoundException {
    try (ContextObjectInputStream in = new ContextObjectInputStream(bytes, filter)) {
      return in.readObject();
    } catch (InvalidClassException e) {
      if (e.getCause() instanceof SerialAllowList.RefusedClass refused) {
        throw new SerialAllowList.RefusedData(refused.getMessage());
      }
      if (e.getMessage() != null && e.getMessage().startsWith("filter status: REJECTED")) {
        throw new SerialAllowList.RefusedData(
            "refused to deserialize an instance of "
                + (e.classname == null ? "an unexpected class" : e.classname)
                + ": this stream may hold only "
                + filter);
      }
      throw e;
    }
  }

  /** Reads one object through {@link SerialAllowList#FILTER}. */
  public static Object readFiltered(byte[] bytes) throws IOException, ClassNotFoundException {
    return readFiltered(bytes, SerialAllowList.FILTER);
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
