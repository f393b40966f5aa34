/**
 * The Beam layer: {@link io.taskbeam.internal.beam.BeamRunner}, the {@code Runner} on Apache Beam,
 * lays each sync point's plan out as one pipeline ({@link
 * io.taskbeam.internal.beam.PipelineBuilder}: per stage the chunk specs and the values routed to
 * them, grouped by chunk, then {@link io.taskbeam.internal.beam.RunChunkFn}), runs it, and turns a
 * failed task back into a {@code TaskFailedException}. On runners whose workers are the driver's
 * threads (the DirectRunner) it starts instead one {@link io.taskbeam.internal.beam.LongLivedJob}
 * per session, whose workers ({@link io.taskbeam.internal.beam.LongLivedWorkerFn}) run every plan's
 * chunks as {@link io.taskbeam.internal.beam.PlanDispatch} hands them over.
 *
 * <p>The engine starts it; the compiler ({@code internal.plan}, {@code internal.graph}) does not
 * know it. It knows no specific Beam runner: what differs between them is asked of {@link
 * io.taskbeam.internal.beam.RunnerSupport}, which each runner artifact (taskbeam-direct, -flink,
 * -spark) implements and {@code ServiceLoader} finds; that is why module-info exports this package
 * to those artifacts only.
 */
package io.taskbeam.internal.beam;
