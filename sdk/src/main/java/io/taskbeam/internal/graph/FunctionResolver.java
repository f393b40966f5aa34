package io.taskbeam.internal.graph;

import io.taskbeam.Direction;
import io.taskbeam.FailurePolicy;
import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.internal.data.ValueCoder;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the method behind a serializable method reference ({@code RowMatMul::multiplyRows}) through
 * its {@link SerializedLambda}, checks it is a usable task, and caches the result per lambda class
 * so that submitting the same call site again costs one map lookup.
 */
public final class FunctionResolver {
  private static final Map<Class<?>, TaskFunction> CACHE = new ConcurrentHashMap<>();

  private FunctionResolver() {}

  public static TaskFunction resolve(Serializable fn) {
    TaskFunction known = CACHE.get(fn.getClass());
    if (known != null) {
      return known;
    }
    TaskFunction resolved = resolveUncached(fn);
    CACHE.put(fn.getClass(), resolved);
    return resolved;
  }

  private static TaskFunction resolveUncached(Serializable fn) {
    SerializedLambda lambda = serializedForm(fn);
    String impl = lambda.getImplMethodName();
    if (impl.startsWith("lambda$")) {
      throw new IllegalArgumentException(
          "submit takes a method reference such as "
              + "MatMul::multiplyRows, not a lambda expression: declare the task as a static method "
              + "annotated @Task");
    }
    if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
        || lambda.getCapturedArgCount() != 0) {
      throw new IllegalArgumentException(
          "task "
              + impl
              + " must be a static method: submit "
              + "takes references like ClassName::method to static methods annotated @Task");
    }
    Method method = findMethod(lambda);
    Task task = method.getAnnotation(Task.class);
    String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    if (task == null) {
      throw new IllegalArgumentException(
          "method " + name + " is not a task: annotate it with " + "@Task");
    }
    Direction[] directions = directions(method, name);
    checkTypes(method, directions, name);
    long timeoutMillis = timeoutMillis(task, name);
    checkPolicy(task, name);
    method.setAccessible(true);
    if (task.memoryMb() < 0) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has memoryMb = "
              + task.memoryMb()
              + "; give the MiB one call needs, or 0 for no request");
    }
    if (task.computingUnits() < 1) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has computingUnits = "
              + task.computingUnits()
              + "; a task uses at least 1 core");
    }
    return new TaskFunction(
            method,
            lambda.getImplMethodSignature(),
            directions,
            task.onFailure(),
            task.retries(),
            timeoutMillis)
        .withComputingUnits(task.computingUnits())
        .withMemoryMb(task.memoryMb())
        .withPriority(task.priority());
  }

  private static SerializedLambda serializedForm(Serializable fn) {
    try {
      Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object form = writeReplace.invoke(fn);
      if (form instanceof SerializedLambda lambda) {
        return lambda;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not a lambda: reported below
    }
    throw new IllegalArgumentException(
        "submit takes a method reference such as "
            + "MatMul::multiplyRows; got an instance of "
            + fn.getClass().getName());
  }

  private static Method findMethod(SerializedLambda lambda) {
    String owner = lambda.getImplClass().replace('/', '.');
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(owner, false, loader);
      Class<?>[] params =
          MethodType.fromMethodDescriptorString(
                  lambda.getImplMethodSignature(), type.getClassLoader())
              .parameterArray();
      return type.getDeclaredMethod(lambda.getImplMethodName(), params);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot find task method " + owner + "." + lambda.getImplMethodName(), e);
    }
  }

  private static Direction[] directions(Method method, String name) {
    Direction[] directions = new Direction[method.getParameterCount()];
    int commutative = 0;
    for (int i = 0; i < directions.length; i++) {
      Param param = method.getParameters()[i].getAnnotation(Param.class);
      directions[i] = param == null ? Direction.IN : param.value();
      if (directions[i] == Direction.COMMUTATIVE) {
        commutative++;
      }
      if (directions[i] == Direction.OUT) {
        Class<?> type = method.getParameterTypes()[i];
        if (!hasPublicNoArgConstructor(type)) {
          throw new IllegalArgumentException(
              "OUT parameter "
                  + method.getParameters()[i].getName()
                  + " of task "
                  + name
                  + " has type "
                  + type.getSimpleName()
                  + ", which has no public no-argument constructor: declare it INOUT instead");
        }
      }
    }
    if (commutative > 1) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has "
              + commutative
              + " COMMUTATIVE parameters; at most one is allowed");
    }
    return directions;
  }

  private static boolean hasPublicNoArgConstructor(Class<?> type) {
    if (type.isInterface()
        || Modifier.isAbstract(type.getModifiers())
        || type.isArray()
        || type.isPrimitive()) {
      return false;
    }
    try {
      return Modifier.isPublic(type.getConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Rejects parameter and return types that could never travel between workers. */
  private static void checkTypes(Method method, Direction[] directions, String name) {
    for (int i = 0; i < directions.length; i++) {
      Class<?> type = method.getParameterTypes()[i];
      String parameter = "parameter " + method.getParameters()[i].getName() + " of task " + name;
      if (directions[i].isFile()) {
        if (type != String.class && type != java.nio.file.Path.class) {
          throw new IllegalArgumentException(
              parameter
                  + " is "
                  + directions[i]
                  + " but has type "
                  + type.getSimpleName()
                  + ": declare file parameters as String or "
                  + "java.nio.file.Path");
        }
        continue;
      }
      if (!transferable(type)) {
        throw new IllegalArgumentException(
            parameter
                + " has type "
                + type.getName()
                + ", which cannot be sent to "
                + "workers: make it implement java.io.Serializable");
      }
      if (directions[i] != Direction.IN && (type.isPrimitive() || isImmutableBox(type))) {
        throw new IllegalArgumentException(
            parameter
                + " is "
                + directions[i]
                + " but its type "
                + type.getSimpleName()
                + " cannot be modified in place: return the new value instead");
      }
    }
    Class<?> result = method.getReturnType();
    if (result != void.class && !transferable(result)) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " returns "
              + result.getName()
              + ", which cannot be sent back from workers: make it implement java.io.Serializable");
    }
  }

  private static boolean transferable(Class<?> type) {
    return type.isPrimitive()
        || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())
        || type == Object.class
        || ValueCoder.hasCodec(type)
        || Serializable.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type)
        || (type.isArray() && transferable(type.getComponentType()));
  }

  private static boolean isImmutableBox(Class<?> type) {
    return type == String.class
        || Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang.")
        || type == Boolean.class
        || type == Character.class;
  }

  private static long timeoutMillis(Task task, String name) {
    if (task.timeout() < 0) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has timeout "
              + task.timeout()
              + "; use a positive timeout, or 0 for none");
    }
    return task.timeout() == 0 ? 0 : Duration.of(task.timeout(), task.timeoutUnit()).toMillis();
  }

  private static void checkPolicy(Task task, String name) {
    if (task.onFailure() == FailurePolicy.RETRY && task.retries() <= 0) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has onFailure = RETRY with retries = "
              + task.retries()
              + "; set retries to a positive count");
    }
    if (task.onFailure() != FailurePolicy.RETRY && task.retries() != 0) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " sets retries = "
              + task.retries()
              + " but onFailure = "
              + task.onFailure()
              + "; retries need onFailure = RETRY");
    }
  }
}
