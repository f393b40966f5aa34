package io.taskbeam;

import static io.taskbeam.Direction.COMMUTATIVE;
import static io.taskbeam.Direction.INOUT;
import static io.taskbeam.Direction.OUT;

import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Task methods the SDK tests submit. Counters work because the DirectRunner shares the JVM. */
public final class TestTasks {
  static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

  private TestTasks() {}

  @Task
  static int one() {
    return 1;
  }

  @Task
  static int add(int a, int b) {
    return a + b;
  }

  @Task
  static int sum4(int a, int b, int c, int d) {
    return a + b + c + d;
  }

  @Task
  static double first(double[] x) {
    return x[0];
  }

  @Task
  static void increment(@Param(INOUT) double[] x) {
    x[0] += 1;
  }

  @Task
  static void addInto(double v, @Param(COMMUTATIVE) double[] acc) {
    acc[0] += v;
  }

  @Task
  static void fill(double v, @Param(OUT) StringBuilder out) {
    out.append(v);
  }

  @Task
  static DMatrixRMaj multiplyRows(DMatrixRMaj rows, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(rows.numRows, b.numCols);
    CommonOps_DDRM.mult(rows, b, c);
    return c;
  }

  @Task
  static void multiplyAccumulate(DMatrixRMaj a, DMatrixRMaj b, @Param(INOUT) DMatrixRMaj c) {
    CommonOps_DDRM.multAdd(a, b, c);
  }

  @Task
  static void multiplyAdd(DMatrixRMaj a, DMatrixRMaj b, @Param(COMMUTATIVE) DMatrixRMaj c) {
    CommonOps_DDRM.multAdd(a, b, c);
  }

  @Task
  static int explode(int x) {
    throw new ArithmeticException("cannot handle " + x);
  }

  @Task(onFailure = FailurePolicy.RETRY, retries = 2)
  static void flakyIncrement(@Param(INOUT) double[] x) {
    x[0] += 1;
    if (FLAKY_CALLS.incrementAndGet() < 3) {
      throw new IllegalStateException("flaky");
    }
  }

  @Task(onFailure = FailurePolicy.IGNORE)
  static Integer ignoredFailure(@Param(INOUT) double[] x) {
    x[0] = -1;
    throw new IllegalStateException("ignored");
  }

  @Task(onFailure = FailurePolicy.CANCEL_SUCCESSORS)
  static int cancelling(int x) {
    throw new IllegalStateException("bad input " + x);
  }

  @Task(timeout = 200, timeoutUnit = java.time.temporal.ChronoUnit.MILLIS)
  static int slow(int x) throws InterruptedException {
    Thread.sleep(10_000);
    return x;
  }

  static int notATask(int x) {
    return x;
  }

  @Task(onFailure = FailurePolicy.RETRY)
  static int retryWithoutCount(int x) {
    return x;
  }

  @Task
  static int takesThread(Thread t) {
    return 0;
  }

  @Task
  static int takesObject(Object o) {
    return 0;
  }
}
