/**
 * What taskbeam's own modules share with the SDK beyond the API, so none of them imports the SDK's
 * {@code internal} packages: the data store's byte format ({@link io.taskbeam.spi.StoredValues},
 * used by the matrix module's codec tests and the benchmarks) and a sealed work directory ({@link
 * io.taskbeam.spi.SealedDirectory}, used by {@code WorkFileBenchmark}), and what the dashboard asks
 * of a runner's workers ({@link io.taskbeam.spi.WorkerGauges}, implemented by the Flink runner's
 * artifact for a cluster's TaskManagers). Each type names its users; a program needs none of it,
 * and nothing here is promised to stay.
 *
 * <p>Runner artifacts are the exception: they implement {@code io.taskbeam.internal.beam}'s {@code
 * RunnerSupport}, the SDK's runner seam, exported to them alone (see {@code module-info}).
 */
package io.taskbeam.spi;
