package io.taskbeam.internal.exec;

import io.taskbeam.Direction;
import io.taskbeam.FailurePolicy;
import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.data.ValueCoder;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.observe.TaskOutcome;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.CallSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls one task method with its failure policy: retries from restored inputs, timeouts, IGNORE
 * (outputs fall back to their inputs) and CANCEL_SUCCESSORS (outputs become {@link FailedValue}
 * markers that cancel every task reading them).
 */
public final class TaskInvoker {
  private static final ExecutorService TIMED =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "taskbeam-timed-task");
            t.setDaemon(true);
            return t;
          });

  private TaskInvoker() {}

  /**
   * What a call left behind: the return value and the (possibly modified) arguments; how it ended
   * and after how many calls, for the run's trace and metrics.
   */
  public record Outcome(Object result, Object[] args, TaskOutcome outcome, int attempts) {}

  public static Outcome invoke(CallSpec call, Object[] args, ClassLoader loader) {
    TaskFunction fn = call.function();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof FailedValue failed
          && failed.file() != null
          && fn.direction(i) == Direction.FILE_OUT) {
        args[i] = failed.file(); // it writes the file afresh: nothing of the failed version is read
      }
    }
    for (Object arg : args) {
      if (arg instanceof FailedValue failed) {
        return cancelled(fn, args, failed, TaskOutcome.CANCELLED, 0);
      }
    }
    Method method = fn.method(loader);
    alias(call, args);
    boolean restorable = fn.policy() == FailurePolicy.RETRY || fn.policy() == FailurePolicy.IGNORE;
    byte[][] snapshot = restorable ? snapshot(fn, args) : null;
    int attempts = 1 + (fn.policy() == FailurePolicy.RETRY ? fn.retries() : 0);
    Throwable last = null;
    try (FileSnapshots files = restorable ? FileSnapshots.of(fn, args) : FileSnapshots.NONE) {
      for (int attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) {
          restore(fn, args, snapshot);
          alias(call, args);
          files.restore();
        }
        try {
          return new Outcome(
              callOnce(method, fn.timeoutMillis(), args, loader, fn.computingUnits()),
              args,
              TaskOutcome.OK,
              attempt);
        } catch (Throwable failure) {
          last = failure;
        }
      }
      if (fn.policy() == FailurePolicy.IGNORE) {
        files.restore();
      }
    }
    String message =
        "task "
            + call.taskName()
            + " ("
            + fn.displayName()
            + ") failed"
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + ": "
            + describe(last);
    switch (fn.policy()) {
      case IGNORE:
        restore(fn, args, snapshot);
        Class<?> returns = method.getReturnType();
        if (returns.isPrimitive() && returns != void.class) {
          // null is no int: whoever reads the result is cancelled, told which task was ignored
          return new Outcome(
              new FailedValue(
                  call.taskName(),
                  "task "
                      + call.taskName()
                      + " ("
                      + fn.displayName()
                      + ") failed and was ignored (onFailure = IGNORE), so its "
                      + returns.getName()
                      + " result does not exist; its failure: "
                      + describe(last)),
              args,
              TaskOutcome.IGNORED,
              attempts);
        }
        return new Outcome(null, args, TaskOutcome.IGNORED, attempts);
      case CANCEL_SUCCESSORS:
        return cancelled(
            fn, args, new FailedValue(call.taskName(), message), TaskOutcome.CANCELLING, attempts);
      default:
        throw new TaskFailedException(call.taskName(), message, sendable(last));
    }
  }

  /**
   * The outcome of a call that did not complete: every output is {@code failed}; a file's keeps its
   * path, for a later FILE_OUT writer of that file.
   */
  private static Outcome cancelled(
      TaskFunction fn, Object[] args, FailedValue failed, TaskOutcome outcome, int attempts) {
    Object[] outputs = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Direction dir = fn.direction(i);
      boolean file = dir == Direction.FILE_OUT || dir == Direction.FILE_INOUT;
      String path =
          args[i] instanceof FailedValue f ? f.file() : args[i] == null ? null : args[i].toString();
      outputs[i] = file && path != null ? failed.ofFile(path) : failed;
    }
    return new Outcome(failed, outputs, outcome, attempts);
  }

  private static Object callOnce(
      Method method, long timeoutMillis, Object[] args, ClassLoader loader, int requestedUnits)
      throws Throwable {
    int units = CoreBudget.units(requestedUnits);
    CoreBudget.take(units);
    try {
      return callOnce(method, timeoutMillis, args, loader);
    } finally {
      CoreBudget.give(units);
    }
  }

  private static Object callOnce(
      Method method, long timeoutMillis, Object[] args, ClassLoader loader) throws Throwable {
    if (timeoutMillis <= 0) {
      return reflect(method, args);
    }
    TaskContext context = TaskContext.current();
    Future<Object> running =
        TIMED.submit(
            () -> {
              Thread.currentThread().setContextClassLoader(loader);
              TaskContext.set(context);
              try {
                return reflect(method, args);
              } catch (Exception | Error e) {
                throw e;
              } catch (Throwable t) {
                throw new ExecutionException(t);
              } finally {
                TaskContext.set(null);
              }
            });
    try {
      return running.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new TimeoutException("timed out after " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private static Object reflect(Method method, Object[] args) throws Exception {
    Object[] call = pathsAsDeclared(method, args);
    try {
      return method.invoke(null, call);
    } catch (IllegalArgumentException e) {
      // thrown by reflection itself (the task's own exceptions come wrapped): name the argument
      String why = ArgumentTypes.firstMismatch(method, call);
      throw why == null ? e : new IllegalArgumentException(why, e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** File parameters travel as path strings; a task that declares {@code Path} gets one. */
  private static Object[] pathsAsDeclared(Method method, Object[] args) {
    Class<?>[] types = method.getParameterTypes();
    Object[] call = args;
    for (int i = 0; i < args.length; i++) {
      if (types[i] == Path.class && args[i] instanceof String path) {
        if (call == args) {
          call = args.clone();
        }
        call[i] = Path.of(path);
      }
    }
    return call;
  }

  /**
   * One datum passed to several parameters of a call, one of which modifies it (INOUT or
   * COMMUTATIVE, next to IN or another of those), is one object in a sequential call: every such
   * parameter gets the same object, the copy the worker made if it made one, so the method sees its
   * own writes through each of them and every version it leaves is the same.
   */
  private static void alias(CallSpec call, Object[] args) {
    ArgSource[] sources = call.args();
    TaskFunction fn = call.function();
    for (int i = 0; i < args.length; i++) {
      if (sources[i].key() == null || fn.direction(i).isFile()) {
        continue;
      }
      boolean writes = false;
      int holder = -1;
      for (int j = i; j < args.length; j++) {
        if (sameValue(sources, fn, i, j)) {
          writes |= fn.direction(j).writes();
          if (holder < 0 && sources[j].copy()) {
            holder = j;
          }
        }
      }
      if (!writes) {
        continue;
      }
      Object shared = args[holder < 0 ? i : holder];
      for (int j = i; j < args.length; j++) {
        if (sameValue(sources, fn, i, j)) {
          args[j] = shared;
        }
      }
    }
  }

  private static boolean sameValue(ArgSource[] sources, TaskFunction fn, int i, int j) {
    return sources[j].kind() != ArgSource.Kind.FRESH
        && !fn.direction(j).isFile()
        && sources[i].key().equals(sources[j].key());
  }

  private static byte[][] snapshot(TaskFunction fn, Object[] args) {
    byte[][] saved = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      if (fn.direction(i).writes() && fn.direction(i).reads()) {
        try {
          saved[i] = ValueCoder.toBytes(args[i]);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot snapshot argument " + fn.paramName(i), e);
        }
      }
    }
    return saved;
  }

  private static void restore(TaskFunction fn, Object[] args, byte[][] snapshot) {
    for (int i = 0; i < args.length; i++) {
      if (snapshot[i] != null) {
        try {
          args[i] = ValueCoder.fromBytes(snapshot[i]);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot restore argument " + fn.paramName(i), e);
        }
      }
    }
  }

  /**
   * The task's exception if it can be serialized, else a stand-in with its class, message and
   * stack: a runner that ships the failure to the driver (Flink) would otherwise lose the whole
   * TaskFailedException, and with it the task's name, to a NotSerializableException.
   */
  static Throwable sendable(Throwable t) {
    try (java.io.ObjectOutputStream out =
        new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
      out.writeObject(t);
      return t;
    } catch (java.io.IOException | RuntimeException e) {
      RuntimeException standIn =
          new RuntimeException(describe(t) + " (not serializable: " + e + ")");
      standIn.setStackTrace(t.getStackTrace());
      return standIn;
    }
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + t.getMessage();
  }
}
