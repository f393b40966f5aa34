package io.taskbeam.internal.data;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where in a value the part that cannot be encoded sits: {@code Holder.opaque} (a field),
 * {@code List[0]} (an element), {@code Map[key]}. Java serialization only names the class it met,
 * which sends the user to the outer type ("make Holder implement Serializable") or to a JDK class
 * ({@code ImmutableCollections$List12}); this names the field and its type.
 *
 * <p>The walk follows what the encoding follows: elements of collections, maps and arrays,
 * non-static non-transient fields of serializable classes; it stops at types with a codec and at
 * classes that write themselves ({@code writeObject}, {@code writeReplace}), and after a bounded
 * number of objects.
 */
public final class Unserializable {
  private static final int MAX_OBJECTS = 100_000;

  /** The API's handle class, named as text: the internals do not depend on the session API. */
  private static final String FUTURE = "io.taskbeam.TaskFuture";

  private Unserializable() {}

  /** A value with nothing inside to walk: null, an immutable JDK value, a primitive array. */
  private static boolean leaf(Object v) {
    return v == null
        || Fingerprint.immutable(v)
        || v.getClass().isArray() && v.getClass().getComponentType().isPrimitive();
  }

  /**
   * One clause naming the part of {@code value} that cannot be encoded and its type, for example
   * {@code "Holder.opaque holds a demo.Opaque, which is not java.io.Serializable"}, or null when
   * the walk finds none.
   */
  public static String problem(Object value) {
    if (leaf(value)) {
      return null; // the common results, answered without the walk's tables (one per task result)
    }
    Deque<Object[]> work = new ArrayDeque<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    work.add(new Object[] {value, null});
    int visited = 0;
    while (!work.isEmpty() && visited++ < MAX_OBJECTS) {
      Object[] item = work.poll();
      Object v = item[0];
      String path = (String) item[1];
      if (leaf(v) || !seen.add(v)) {
        continue;
      }
      Class<?> type = v.getClass();
      if (type.isArray()) {
        for (int i = 0; i < Array.getLength(v); i++) {
          work.add(new Object[] {Array.get(v, i), at(path, type, "[" + i + "]")});
        }
        continue;
      }
      if (ValueCoder.hasCodec(type)) {
        continue;
      }
      if (!(v instanceof Serializable)) {
        return (path == null ? "it is a " : path + " holds a ")
            + type.getName()
            + ", which is not java.io.Serializable";
      }
      if (v instanceof Collection<?> c) {
        int i = 0;
        for (Object e : c) {
          work.add(new Object[] {e, at(path, kind(v), "[" + i++ + "]")});
        }
      } else if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          work.add(new Object[] {e.getKey(), at(path, kind(v), " key " + e.getKey())});
          work.add(new Object[] {e.getValue(), at(path, kind(v), "[" + e.getKey() + "]")});
        }
      } else if (!writesItself(type)) {
        for (Class<?> c = type;
            c != null && Serializable.class.isAssignableFrom(c);
            c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod)
                || Modifier.isTransient(mod)
                || f.getType().isPrimitive()
                || !f.trySetAccessible()) {
              continue;
            }
            try {
              work.add(new Object[] {f.get(v), at(path, c, "." + f.getName())});
            } catch (IllegalAccessException e) {
              // not readable: not ours to judge
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * The refusal of a value passed as {@code what} that failed to encode with {@code e}: names the
   * part that cannot be encoded, its type, and the fix.
   */
  public static IllegalArgumentException refusal(Object value, String what, java.io.IOException e) {
    if (!(e instanceof java.io.NotSerializableException)) {
      return new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage(), e);
    }
    String where = problem(value);
    if (where != null && where.contains(FUTURE + ", which")) {
      return new IllegalArgumentException(futureInside(what, where));
    }
    String type = typeName(value);
    if (where != null && where.startsWith("it is a ")) {
      return new IllegalArgumentException(
          what
              + " has type "
              + type
              + ", which cannot be "
              + "serialized: make it implement java.io.Serializable");
    }
    return new IllegalArgumentException(
        what
            + " (a "
            + type
            + ") cannot be serialized: "
            + (where != null
                ? where
                    + ": make that type implement java.io.Serializable, mark the "
                    + "field transient, or register a ValueCodec for it"
                : "it holds a "
                    + e.getMessage()
                    + ", which is not java.io.Serializable: make that "
                    + "type implement java.io.Serializable or register a ValueCodec for it"));
  }

  /**
   * A TaskFuture inside a plain value (a list, an array, a record's field) or given to {@code put}:
   * only a future passed as an argument of its own is replaced by its value, so the fix is to pass
   * it so, or to gather futures with {@code collect}, not to make the handle serializable.
   */
  private static String futureInside(String what, String where) {
    if (where.startsWith("it is a ")) {
      return what
          + " got a TaskFuture, which is already a datum of the session: pass the future to tasks"
          + " as it is, or waitOn(...) it for its value";
    }
    return what
        + " holds a TaskFuture at "
        + where.substring(0, where.indexOf(" holds a "))
        + ": a future inside a value is not replaced by its value; pass futures for a List"
        + " parameter as tb.collect(futures), or each future as an argument of its own";
  }

  /**
   * The name of {@code value}'s type for a message: its class, except for the JDK's hidden
   * collection classes ({@code ImmutableCollections$List12}), named by their interface.
   */
  public static String typeName(Object value) {
    Class<?> type = value.getClass();
    boolean hidden =
        type.getName().startsWith("java.")
            && !java.lang.reflect.Modifier.isPublic(type.getModifiers());
    return hidden && (value instanceof Collection<?> || value instanceof Map<?, ?>)
        ? kind(value)
        : type.getName();
  }

  /** {@code Holder.opaque}, {@code List[0]}, {@code Holder.items[2].name}. */
  private static String at(String path, Object owner, String step) {
    String base =
        path != null
            ? path
            : owner instanceof Class<?> c
                ? (c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName())
                : (String) owner;
    return base + step;
  }

  private static String kind(Object v) {
    return v instanceof List<?>
        ? "List"
        : v instanceof Set<?> ? "Set" : v instanceof Map<?, ?> ? "Map" : "Collection";
  }

  private static boolean writesItself(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (String name : new String[] {"writeObject", "writeReplace", "writeExternal"}) {
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
