/**
 * The taskbeam API. A program starts a {@link io.taskbeam.TaskBeam} session, submits calls of
 * static {@link io.taskbeam.Task @Task} methods (parameter directions with {@link
 * io.taskbeam.Param @Param}), and reads results at sync points ({@code waitOn}, {@code barrier}).
 *
 * <h2>Modules and packages</h2>
 *
 * Public API: {@code io.taskbeam} (this package), {@code io.taskbeam.codec} (value codecs) and, in
 * {@code taskbeam-matrix}, {@code io.taskbeam.matrix}. Everything under {@code
 * io.taskbeam.internal} is implementation and may change in any release; no public type of the API
 * exposes an internal type. (JPMS modules would hide it from the compiler too, but Beam 2.70's jars
 * are not modules and {@code mvn exec:java} runs programs on the class path, so the boundary is
 * this naming rule, checked by {@code ArchitectureTest}.) Dependencies point one way, top to
 * bottom:
 *
 * <pre>
 * io.taskbeam           API: TaskBeam, TaskFuture, @Task, @Param, options, Pair/Triple
 *                       (split results), TaskGroup, Binary, ComputingUnitsHook -> engine, exec
 * internal.engine       Session: graph -> compile -> Runner; data lifetime; FileData
 *                       -> beam, plan, graph, data, observe, report, options
 * internal.beam         BeamRunner (the Runner on Beam), PipelineBuilder, the DoFns,
 *                       RunnerSupport (what differs per Beam runner) -> exec, plan, data, observe
 * internal.exec         worker side: ChunkRunner, TaskInvoker -> plan, graph, data, observe
 * internal.observe      SyncListener, RunObserver, worker task events, metrics -> plan, graph, data
 * internal.report       run directory files from the record -> observe
 * internal.plan         PlanCompiler, Plan, Stage, ChunkSpec, Runner (the seam) -> graph, data
 * internal.graph        TaskGraph: ids, versions, edges; FunctionResolver -> data (codecs only)
 * internal.data         DataStore, ValueCoder and codecs, WorkDir, SharedCache -> codec
 * internal.options      runner profiles -> nothing internal
 * codec                 ValueCodec, DoubleArrays -> nothing
 * </pre>
 *
 * Runner support is in its own artifacts, found through {@code java.util.ServiceLoader}: {@code
 * internal.direct} (taskbeam-direct) and {@code internal.flink} (taskbeam-flink), each ->
 * internal.beam.
 */
package io.taskbeam;
