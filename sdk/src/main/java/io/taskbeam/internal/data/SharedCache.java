package io.taskbeam.internal.data;

import java.io.File;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored values that many tasks read (the shared matrix B), loaded once per worker JVM and kept
 * while memory allows. Tasks receive the cached object itself, which is why IN parameters must not
 * be modified; INOUT parameters get a copy.
 *
 * <p>A TaskManager outlives the sessions it serves, and only the driver's JVM hears that a session
 * ended. So before each load the cache drops the values whose directory is gone: the session that
 * wrote them has ended and deleted its work directory. Left to the soft references, the last
 * session's blocks (512 MiB of B for n=8192) would fill the heap until a full collection cleared
 * them, in the middle of the next session's tasks.
 */
public final class SharedCache {
  private static final ConcurrentHashMap<StoredRef, SoftReference<Object>> CACHE =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<StoredRef, Object> LOCKS = new ConcurrentHashMap<>();

  private SharedCache() {}

  /**
   * The value of {@code ref}, from memory when another task of this JVM loaded it already; counts
   * the lookup as a hit or a miss on the calling thread ({@link IoCounter}), which the chunk's
   * events carry to the dashboard.
   */
  public static Object load(StoredRef ref) {
    Object value = cached(ref);
    if (value != null) {
      IoCounter.cacheLookup(true);
      return value;
    }
    synchronized (LOCKS.computeIfAbsent(ref, r -> new Object())) {
      value = cached(ref);
      IoCounter.cacheLookup(value != null);
      if (value == null) {
        evictDeleted(ref);
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
    String prefix = dir.endsWith(File.separator) ? dir : dir + File.separator;
    CACHE.keySet().removeIf(ref -> ref.path().startsWith(prefix));
    LOCKS.keySet().removeIf(ref -> ref.path().startsWith(prefix));
  }

  /**
   * Forgets the entries whose bundle's directory no longer exists, checking each directory once (a
   * session's bundles share a few), never the directory {@code loading} is read from.
   */
  private static void evictDeleted(StoredRef loading) {
    Path current = Path.of(loading.path()).getParent();
    Set<Path> checked = new HashSet<>();
    for (StoredRef ref : CACHE.keySet()) {
      Path dir = Path.of(ref.path()).getParent();
      if (dir != null && !dir.equals(current) && checked.add(dir) && !Files.isDirectory(dir)) {
        evictUnder(dir.toString());
      }
    }
  }

  /** How many values are cached (for tests). */
  static int size() {
    return CACHE.size();
  }
}
