package io.taskbeam;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Marks a static method as a task: calling it through {@link TaskBeam#submit} records it in the
 * task graph instead of running it.
 *
 * <pre>{@code
 * @Task(onFailure = FailurePolicy.RETRY, retries = 2, timeout = 30)
 * static DMatrixRMaj multiplyRows(DMatrixRMaj rows, DMatrixRMaj b) { ... }
 * }</pre>
 *
 * <p>Task methods must be static, with at most 6 parameters (group more into a record); parameters
 * default to {@link Direction#IN} and other directions are declared with {@link Param}. A generic
 * or overloaded task method is submitted through a variable of its shape, which picks the method
 * and the types; it then takes values and futures alike:
 *
 * <pre>{@code
 * TaskFn.F1<List<String>, List<String>> firstTwo = Tasks::firstTwo; // <T> List<T> firstTwo(List<T>)
 * TaskFn.F2<List<String>, Integer, Integer> sizePlus = Tasks::size; // size(List<String>, int)
 * TaskFuture<List<String>> two = tb.submit(firstTwo, words);
 * TaskFuture<Integer> n = tb.submit(sizePlus, two, 10);
 * }</pre>
 *
 * (A bare {@code tb.submit(Tasks::firstTwo, f)} is a compile error: javac cannot tell a reference
 * to a generic or overloaded method apart between the value and void shapes of {@code submit}.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {
  /** What a failure of this task does to the run. */
  FailurePolicy onFailure() default FailurePolicy.FAIL;

  /** Extra attempts with {@link FailurePolicy#RETRY}; must be positive with it, zero otherwise. */
  int retries() default 0;

  /** Time one attempt may take, in {@link #timeoutUnit()}; 0 means no limit. */
  long timeout() default 0;

  /** The unit of {@link #timeout()}. */
  ChronoUnit timeoutUnit() default ChronoUnit.SECONDS;

  /**
   * Cores one call uses (PyCOMPSs {@code @constraint(computing_units=N)}). A worker runs calls only
   * while their cores add up to at most its own (a call asking more than the worker has gets all of
   * it), and {@link ComputingUnitsHook}s hear of it: with {@code taskbeam-matrix} on the classpath,
   * the call's BLAS products use that many threads.
   */
  int computingUnits() default 1;

  /**
   * Heap one call needs, in MiB (PyCOMPSs {@code @constraint(memory_size=...)}, there in GB); 0 for
   * no request. A request larger than the heap of every worker is refused at submit.
   */
  long memoryMb() default 0;

  /**
   * Runs this task's calls before the other calls ready at the same point of the graph (PyCOMPSs
   * {@code @task(priority=True)}). A priority stage comes first among the stages of its depth; with
   * one worker ({@code --parallelism=1}) the other stages of that depth wait for it, so every
   * priority call runs before them. With more workers the order of independent stages is the
   * runner's: see the plan package's design note for what is guaranteed.
   */
  boolean priority() default false;
}
