/**
 * Matrix multiplication, the COMPSs matmul: {@link io.taskbeam.pipelines.matmul.RowMatMul} has one
 * task per band of rows of A against the whole of B, which all tasks share; {@link
 * io.taskbeam.pipelines.matmul.BlockedMatMul} computes {@code C[i][j] += A[i][k] x B[k][j]} on
 * blocks, as an INOUT chain per block of C or as COMMUTATIVE updates. {@link
 * io.taskbeam.pipelines.matmul.MatMulMain} reads or generates the matrices, checks the product
 * against a sequential one and writes it as a Matrix Market file.
 */
package io.taskbeam.pipelines.matmul;
