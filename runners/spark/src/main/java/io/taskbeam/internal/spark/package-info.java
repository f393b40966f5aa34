/**
 * taskbeam on Beam's SparkRunner ({@code taskbeam-spark}): the {@code RunnerSupport} that sizes a
 * session's parallelism from Spark's local master. Everything else is the Beam layer's, which is
 * the point: the conformance suite passes on Spark unchanged.
 */
package io.taskbeam.internal.spark;
