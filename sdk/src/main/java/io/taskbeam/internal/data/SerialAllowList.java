package io.taskbeam.internal.data;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes Java deserialization may instantiate in this JVM: nothing reads work-directory data,
 * side inputs or inline values with a plain {@code ObjectInputStream}. Allowed are the types the
 * program declares (its task methods' parameter and return types, including type arguments such as
 * {@code List<Point>}), the types of registered value codecs, recursively the serializable field
 * types, superclasses and permitted subclasses of those declared types, and a fixed set of JDK
 * types they need (boxed primitives, {@code String}, primitive arrays, common {@code java.util}
 * collections, {@code java.time}, {@code BigInteger}/{@code BigDecimal}). Any other class in a
 * stream is refused by the {@link #FILTER} when its descriptor is read, before an instance exists,
 * so its {@code readObject} never runs.
 */
public final class SerialAllowList {
  /** JDK classes any declared value may contain. */
  private static final Set<String> JDK =
      Set.of(
          "java.lang.Object", // only as an array's component (CollSer, ArrayList): elements are
          // checked
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.String",
          "java.lang.Enum",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.HashMap",
          // only as the component of the table HashMap and HashSet check before reading their
          // entries (ObjectInputStream's checkArray): no instance is read by that name
          "java.util.Map$Entry",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumMap",
          "java.util.BitSet",
          "java.util.Optional",
          "java.util.UUID",
          "java.util.Arrays$ArrayList",
          "java.util.CollSer",
          "java.util.ImmutableCollections$ListN",
          "java.util.ImmutableCollections$List12",
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptyMap",
          "java.util.Collections$EmptySet",
          "java.util.Collections$SingletonList",
          "java.util.Collections$SingletonMap",
          "java.util.Collections$SingletonSet",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableList",
          "java.util.Collections$UnmodifiableRandomAccessList",
          "java.util.Collections$UnmodifiableMap",
          "java.util.Collections$UnmodifiableSet",
          "java.util.Collections$UnmodifiableSortedMap",
          "java.util.Collections$UnmodifiableSortedSet",
          "java.util.Collections$ReverseComparator",
          "java.time.Ser");

  /** Classes declared by programs and codecs in this JVM (names: one JVM may hold many loaders). */
  private static final Set<String> DECLARED = ConcurrentHashMap.newKeySet();

  /** Types already walked, so a task method's signature is walked once per JVM. */
  private static final Set<Type> WALKED = ConcurrentHashMap.newKeySet();

  /** Refuses every class that is neither declared nor in the JDK set. */
  public static final ObjectInputFilter FILTER = SerialAllowList::check;

  private SerialAllowList() {}

  /** Declares the parameter and return types of a task method (and what they contain). */
  public static void declare(Method method) {
    for (Type t : method.getGenericParameterTypes()) {
      declare(t);
    }
    declare(method.getGenericReturnType());
  }

  /** Declares {@code type}, its type arguments and, for an application type, what it holds. */
  public static void declare(Type type) {
    if (type == null || !WALKED.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      declareClass(c);
    } else if (type instanceof ParameterizedType p) {
      declare(p.getRawType());
      for (Type arg : p.getActualTypeArguments()) {
        declare(arg);
      }
    } else if (type instanceof GenericArrayType a) {
      declare(a.getGenericComponentType());
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        declare(bound);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        declare(bound);
      }
    }
  }

  private static void declareClass(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive() || c == Object.class) {
      return;
    }
    DECLARED.add(c.getName());
    if (c.getName().startsWith("java.") || c.getName().startsWith("javax.")) {
      return; // a JDK type named in a signature: allowed itself, its internals are the JDK's
    }
    if (c.isSealed()) {
      for (Class<?> sub : c.getPermittedSubclasses()) {
        declare(sub);
      }
    }
    if (!Serializable.class.isAssignableFrom(c)) {
      return;
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      declare(k);
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
          declare(f.getGenericType());
        }
      }
    }
  }

  /** The classes declared in this JVM, for the workers of its jobs. */
  public static Set<String> declaredNames() {
    return Set.copyOf(DECLARED);
  }

  /** Declares classes by name: those the driver's program declared. */
  public static void declareNames(java.util.Collection<String> names) {
    DECLARED.addAll(names);
  }

  /** Whether an instance of {@code c} may be read. */
  public static boolean allowed(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c.isPrimitive() || JDK.contains(c.getName()) || DECLARED.contains(c.getName());
  }

  private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
    Class<?> c = info.serialClass();
    if (c == null) {
      return ObjectInputFilter.Status.UNDECIDED;
    }
    if (allowed(c)) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    throw new RefusedClass(c.getName());
  }

  /** A stream held a class this JVM may not deserialize; the message is one line with the fix. */
  public static final class RefusedData extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    RefusedData(String message) {
      super(message);
    }
  }

  /** Why the filter refused a class, in one line with the fix; the stream wraps it. */
  static final class RefusedClass extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedClass(String name) {
      super(
          "refused to deserialize an instance of "
              + name
              + ": it is not a type this program declares; register a ValueCodec for it, or"
              + " name it (or a type holding it in a field) in a task method's signature");
    }
  }
}
