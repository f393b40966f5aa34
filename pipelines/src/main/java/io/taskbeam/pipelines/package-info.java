/**
 * The example applications, written as users write taskbeam programs, and what they share: {@link
 * io.taskbeam.pipelines.Main} picks one by {@code -Dapp=NAME}; the option checks, input line
 * reading, result files and closing summary ({@link io.taskbeam.pipelines.RunSummary}) every
 * application prints are here, and each application is a package of its own ({@code matmul}, {@code
 * cholesky}, {@code kmeans}, {@code fastq}, {@code genetic}, {@code mandelbrot}).
 *
 * <p>They use only the public API ({@code io.taskbeam}, {@code io.taskbeam.matrix}), never an
 * {@code internal} package, so they show what a user's own project can do.
 */
package io.taskbeam.pipelines;
