package io.taskbeam.internal.exec;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether a value can be passed to a task parameter, by the rules of {@link Method#invoke}: a
 * reference parameter takes null or an instance of its type; a primitive one takes its wrapper, or
 * a wrapper that widens to it ({@code Integer} for a {@code long}), never null. A program that
 * passes the wrong value through a raw type or an unchecked cast gets a message naming the
 * parameter and both types, at submit for a plain value and when the task runs for a future's
 * value, instead of reflection's bare "argument type mismatch".
 */
public final class ArgumentTypes {
  /** Each primitive type and the wrapper types that widen to it (JLS 5.1.2), its own first. */
  private static final Map<Class<?>, Class<?>[]> ACCEPTS =
      Map.of(
          boolean.class, new Class<?>[] {Boolean.class},
          char.class, new Class<?>[] {Character.class},
          byte.class, new Class<?>[] {Byte.class},
          short.class, new Class<?>[] {Short.class, Byte.class},
          int.class, new Class<?>[] {Integer.class, Short.class, Byte.class, Character.class},
          long.class,
              new Class<?>[] {Long.class, Integer.class, Short.class, Byte.class, Character.class},
          float.class,
              new Class<?>[] {
                Float.class, Long.class, Integer.class, Short.class, Byte.class, Character.class
              },
          double.class,
              new Class<?>[] {
                Double.class,
                Float.class,
                Long.class,
                Integer.class,
                Short.class,
                Byte.class,
                Character.class
              });

  private ArgumentTypes() {}

  /**
   * Why {@code value} cannot be passed to parameter {@code param} of {@code method} ("is null, but
   * parameter x is the primitive int: ..."), or null when it can.
   */
  public static String mismatch(Method method, int param, Object value) {
    Class<?> type = method.getParameterTypes()[param];
    String name = method.getParameters()[param].getName();
    if (type.isPrimitive()) {
      if (value == null) {
        return "is null, but parameter "
            + name
            + " is the primitive "
            + type.getName()
            + ": pass a value, or declare the parameter "
            + ACCEPTS.get(type)[0].getSimpleName()
            + " to accept null";
      }
      for (Class<?> accepted : ACCEPTS.get(type)) {
        if (accepted == value.getClass()) {
          return null;
        }
      }
    } else if (value == null || type.isInstance(value)) {
      return null;
    }
    return "is a "
        + value.getClass().getTypeName()
        + ", but parameter "
        + name
        + " is "
        + typeName(type);
  }

  /**
   * The first argument of a call that cannot be passed, as a message naming it, or null when all
   * can (then the mismatch reflection saw was something else).
   */
  static String firstMismatch(Method method, Object[] args) {
    for (int i = 0; i < args.length && i < method.getParameterCount(); i++) {
      String why = mismatch(method, i, args[i]);
      if (why != null) {
        return "argument " + (i + 1) + " " + why;
      }
    }
    return null;
  }

  private static String typeName(Class<?> type) {
    return (type.isPrimitive() ? "" : "a ") + type.getTypeName();
  }
}
