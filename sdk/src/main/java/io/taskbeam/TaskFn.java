package io.taskbeam;

import java.io.Serializable;

/**
 * The shapes of task methods that {@code submit} and {@code task} accept, by arity. Users rarely
 * name them (only to pick a generic or overloaded method): they pass a method reference such as
 * {@code MatMul::multiplyRows}, and the compiler picks the shape. {@code F}n returns a value;
 * {@code V}n returns nothing and works through INOUT, OUT or COMMUTATIVE parameters.
 */
public final class TaskFn {
  private TaskFn() {}

  public interface F0<R> extends Serializable {
    R apply() throws Exception;
  }

  public interface F1<A, R> extends Serializable {
    R apply(A a) throws Exception;
  }

  public interface F2<A, B, R> extends Serializable {
    R apply(A a, B b) throws Exception;
  }

  public interface F3<A, B, C, R> extends Serializable {
    R apply(A a, B b, C c) throws Exception;
  }

  public interface F4<A, B, C, D, R> extends Serializable {
    R apply(A a, B b, C c, D d) throws Exception;
  }

  public interface F5<A, B, C, D, E, R> extends Serializable {
    R apply(A a, B b, C c, D d, E e) throws Exception;
  }

  public interface F6<A, B, C, D, E, F, R> extends Serializable {
    R apply(A a, B b, C c, D d, E e, F f) throws Exception;
  }

  public interface V1<A> extends Serializable {
    void apply(A a) throws Exception;
  }

  public interface V2<A, B> extends Serializable {
    void apply(A a, B b) throws Exception;
  }

  public interface V3<A, B, C> extends Serializable {
    void apply(A a, B b, C c) throws Exception;
  }

  public interface V4<A, B, C, D> extends Serializable {
    void apply(A a, B b, C c, D d) throws Exception;
  }

  public interface V5<A, B, C, D, E> extends Serializable {
    void apply(A a, B b, C c, D d, E e) throws Exception;
  }

  public interface V6<A, B, C, D, E, F> extends Serializable {
    void apply(A a, B b, C c, D d, E e, F f) throws Exception;
  }

  /**
   * Shapes of task methods with more parameters than {@code submit} takes (a method returning a
   * value fits them too): they exist only so that such a call fails with one line naming the limit
   * (group parameters into a record).
   */
  public static final class TooMany {
    private TooMany() {}

    public interface V7<A, B, C, D, E, F, G> extends Serializable {
      void apply(A a, B b, C c, D d, E e, F f, G g) throws Exception;
    }

    public interface V8<A, B, C, D, E, F, G, H> extends Serializable {
      void apply(A a, B b, C c, D d, E e, F f, G g, H h) throws Exception;
    }

    static IllegalArgumentException refuse(Serializable fn, int arity, int limit) {
      String name = "a task";
      try {
        java.lang.reflect.Method form = fn.getClass().getDeclaredMethod("writeReplace");
        form.setAccessible(true);
        java.lang.invoke.SerializedLambda lambda =
            (java.lang.invoke.SerializedLambda) form.invoke(fn);
        String owner = lambda.getImplClass();
        name =
            "task "
                + owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.')
                + "."
                + lambda.getImplMethodName();
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not a method reference: the generic wording does
      }
      return new IllegalArgumentException(
          name
              + " has "
              + arity
              + " parameters; submit takes "
              + "at most "
              + limit
              + ": pass some of them together as one record");
    }
  }
}
