package io.taskbeam.pipelines.cholesky;

/** A diagonal block whose factorisation met a pivot that is not positive. */
public final class NotPositiveDefiniteException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  NotPositiveDefiniteException(String message) {
    super(message);
  }
}
