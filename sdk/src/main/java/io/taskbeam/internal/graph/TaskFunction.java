package io.taskbeam.internal.graph;

import io.taskbeam.Direction;
import io.taskbeam.FailurePolicy;
import io.taskbeam.internal.data.SerialAllowList;
import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A task method and its metadata, as read once from its {@code @Task} and {@code @Param}
 * annotations. Serializable: workers receive the class name, method name and descriptor and find
 * the method again in their own class loader.
 */
public final class TaskFunction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String className;
  private final String methodName;
  private final String descriptor;
  private final Direction[] directions;
  private final String[] paramNames;
  private final String[] outTypes;
  private final boolean returnsValue;
  private final FailurePolicy policy;
  private final int retries;
  private final long timeoutMillis;
  private int computingUnits = 1;
  private long memoryMb;
  private boolean priority;
  private transient Method method;
  private transient String id;

  TaskFunction(
      Method method,
      String descriptor,
      Direction[] directions,
      FailurePolicy policy,
      int retries,
      long timeoutMillis) {
    this.className = method.getDeclaringClass().getName();
    this.methodName = method.getName();
    this.descriptor = descriptor;
    this.directions = directions.clone();
    this.paramNames =
        Arrays.stream(method.getParameters()).map(p -> p.getName()).toArray(String[]::new);
    this.outTypes = new String[directions.length];
    for (int i = 0; i < directions.length; i++) {
      if (directions[i] == Direction.OUT) {
        outTypes[i] = method.getParameterTypes()[i].getName();
      }
    }
    this.returnsValue = method.getReturnType() != void.class;
    this.policy = policy;
    this.retries = retries;
    this.timeoutMillis = timeoutMillis;
    this.method = method;
    SerialAllowList.declare(method);
  }

  /** {@code multiplyRows}: names tasks ({@code multiplyRows#3}) and stages. */
  public String shortName() {
    return methodName;
  }

  /** {@code RowMatMul.multiplyRows}, for messages. */
  public String displayName() {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.') + "." + methodName;
  }

  /** Identity of the method: equal for every reference to the same method. */
  public String id() {
    String i = id;
    if (i == null) {
      i = className + "#" + methodName + descriptor;
      id = i;
    }
    return i;
  }

  public int arity() {
    return directions.length;
  }

  public Direction direction(int param) {
    return directions[param];
  }

  public String paramName(int param) {
    return paramNames[param];
  }

  public String outType(int param) {
    return outTypes[param];
  }

  public boolean returnsValue() {
    return returnsValue;
  }

  public FailurePolicy policy() {
    return policy;
  }

  public int retries() {
    return retries;
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** Cores one call uses (at least 1). */
  public int computingUnits() {
    return computingUnits;
  }

  TaskFunction withComputingUnits(int units) {
    this.computingUnits = units;
    return this;
  }

  /** Heap one call needs, in MiB; 0 for no request. */
  public long memoryMb() {
    return memoryMb;
  }

  TaskFunction withMemoryMb(long mb) {
    this.memoryMb = mb;
    return this;
  }

  /** Whether calls run before the other calls ready with them ({@code @Task(priority = true)}). */
  public boolean priority() {
    return priority;
  }

  TaskFunction withPriority(boolean first) {
    this.priority = first;
    return this;
  }

  /** The method, found again through {@code loader} after the function crossed a JVM. */
  public Method method(ClassLoader loader) {
    Method m = method;
    if (m == null) {
      try {
        Class<?> owner = Class.forName(className, true, loader);
        Class<?>[] params =
            MethodType.fromMethodDescriptorString(descriptor, loader).parameterArray();
        m = owner.getDeclaredMethod(methodName, params);
        m.setAccessible(true);
        method = m;
      } catch (ReflectiveOperationException | TypeNotPresentException e) {
        throw new IllegalStateException(
            "task method "
                + displayName()
                + " is not on this worker's classpath: ship the application's jar with the job",
            e);
      }
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskFunction other && other.id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return displayName();
  }
}
