package io.taskbeam.internal.data;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored values that many tasks read (the shared matrix B), loaded once per worker JVM and kept
 * while memory allows. Tasks receive the cached object itself, which is why IN parameters must
 * not be modified; INOUT parameters get a copy.
 */
public final class SharedCache {
  private static final ConcurrentHashMap<StoredRef, SoftReference<Object>> CACHE =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<StoredRef, Object> LOCKS = new ConcurrentHashMap<>();

  private SharedCache() {}

  public static Object load(StoredRef ref) {
    Object value = cached(ref);
    if (value != null) {
      return value;
    }
    synchronized (LOCKS.computeIfAbsent(ref, r -> new Object())) {
      value = cached(ref);
      if (value == null) {
        value = WorkDir.read(ref);
        CACHE.put(ref, new SoftReference<>(value));
      }
      return value;
    }
  }

  private static Object cached(StoredRef ref) {
    SoftReference<Object> soft = CACHE.get(ref);
    return soft == null ? null : soft.get();
  }

  /** Forgets every entry under {@code dir}, when a session ends. */
  public static void evictUnder(String dir) {
    CACHE.keySet().removeIf(ref -> ref.path().startsWith(dir));
    LOCKS.keySet().removeIf(ref -> ref.path().startsWith(dir));
  }
}
