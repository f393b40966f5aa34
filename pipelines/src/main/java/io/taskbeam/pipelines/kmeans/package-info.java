/**
 * K-means clustering as in the PyCOMPSs tutorial: the points live in fragments, each iteration runs
 * one partial-sum task per fragment (per-cluster sums and counts for the current centroids), merges
 * the partials, and syncs once to compute the new centroids and test convergence.
 *
 * <p>The fragments are made by tasks (generated, or parsed from a byte range of a CSV file) and
 * never pass through the driver: every iteration passes the same {@code TaskFuture}s, whose values
 * the first sync point stored in the work directory, so later iterations read them there. Only the
 * centroids (k x dims numbers) go out from the driver each iteration.
 */
package io.taskbeam.pipelines.kmeans;
