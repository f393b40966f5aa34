/**
 * Blocked right-looking Cholesky factorisation A = L L^T, as the COMPSs cholesky application: at
 * step k, {@code potrf} factors the diagonal block, {@code trsm} solves the blocks below it, and
 * {@code syrk}/{@code gemm} update the trailing lower triangle in place (INOUT). The task graph
 * widens after each {@code potrf} and narrows again to the next one, so the number of tasks that
 * can run at once grows and shrinks along the run.
 */
package io.taskbeam.pipelines.cholesky;
