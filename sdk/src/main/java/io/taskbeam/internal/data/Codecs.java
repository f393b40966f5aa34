package io.taskbeam.internal.data;

import io.taskbeam.codec.ValueCodec;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * The registered {@link ValueCodec}s seen from one class loader (on Flink a job's user-code loader,
 * elsewhere the application's), by encoded class and by id. Built once per loader from {@link
 * ServiceLoader}.
 */
final class Codecs {
  private static final Map<ClassLoader, Codecs> BY_LOADER =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<Class<?>, ValueCodec<?>> byType = new HashMap<>();
  private final Map<String, ValueCodec<?>> byId = new HashMap<>();

  private Codecs(ClassLoader loader) {
    try {
      for (ValueCodec<?> codec : ServiceLoader.load(ValueCodec.class, loader)) {
        ValueCodec<?> other = byId.putIfAbsent(codec.id(), codec);
        if (other != null && other.getClass() != codec.getClass()) {
          throw new IllegalStateException(
              "two value codecs share the id "
                  + codec.id()
                  + ": "
                  + other.getClass().getName()
                  + " and "
                  + codec.getClass().getName()
                  + "; give each codec its own id()");
        }
        byType.putIfAbsent(codec.type(), codec);
        SerialAllowList.declare(codec.type());
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a registered value codec cannot be loaded: " + e.getMessage(), e);
    }
  }

  /** The codecs of the calling thread's context class loader (else this class's). */
  static Codecs current() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Codecs.class.getClassLoader();
    }
    return BY_LOADER.computeIfAbsent(loader, Codecs::new);
  }

  @SuppressWarnings("unchecked")
  <T> ValueCodec<T> forType(Class<T> type) {
    return (ValueCodec<T>) byType.get(type);
  }

  ValueCodec<?> forId(String id) {
    return byId.get(id);
  }

  /** Whether values of {@code type} have a registered codec. */
  static boolean registered(Class<?> type) {
    return current().byType.containsKey(type);
  }
}
