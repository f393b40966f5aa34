/**
 * Dense matrices for taskbeam programs (the {@code taskbeam-matrix} artifact): EJML matrices as
 * task values ({@link io.taskbeam.matrix.MatrixCodec}, registered as a {@code ValueCodec}, and
 * {@link io.taskbeam.matrix.MatrixCoder} for Beam), cut into and joined from blocks ({@link
 * io.taskbeam.matrix.Blocks}), multiplied by native BLAS ({@link io.taskbeam.matrix.Gemm}, with
 * {@link io.taskbeam.matrix.BlasThreadsHook} giving a task as many BLAS threads as its computing
 * units), and read and written as Matrix Market files ({@link io.taskbeam.matrix.MatrixMarket}).
 *
 * <p>Public API built on the SDK's public API only: the SDK core knows nothing of EJML or BLAS.
 */
package io.taskbeam.matrix;
