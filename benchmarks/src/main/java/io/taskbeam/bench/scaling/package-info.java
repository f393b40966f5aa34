/**
 * The scaling model of issue 26: how far a taskbeam program scales past this 2-core host.
 *
 * <p>{@code benchmarks/scaling/run} starts a JobManager and 1 to 8 TaskManagers in network
 * namespaces whose links are shaped by {@code tc netem}, runs {@link
 * io.taskbeam.bench.scaling.ScalingProbe} against them (each run's wall time split into the
 * driver's serial part, the jobs' coordination and the chunks' window, from the driver's sync
 * reports and the workers' task events in {@code trace.json}, read by {@link
 * io.taskbeam.bench.scaling.TraceCosts}), and then {@link io.taskbeam.bench.scaling.ScalingFit},
 * which fits {@link io.taskbeam.bench.scaling.ScalingModel} by least squares ({@link
 * io.taskbeam.bench.scaling.LeastSquares}) and predicts larger clusters. The model, its terms and
 * why they are what they are: {@code docs/scaling.md}.
 */
package io.taskbeam.bench.scaling;
