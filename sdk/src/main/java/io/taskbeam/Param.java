package io.taskbeam;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the direction of a task parameter that is not plain input.
 *
 * <pre>{@code
 * @Task
 * static void multiplyAccumulate(DMatrixRMaj a, DMatrixRMaj b, @Param(INOUT) DMatrixRMaj c) {
 *   CommonOps_DDRM.multAdd(a, b, c);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
  Direction value();
}
