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
 * exposes an internal type. The SDK jar is a Java module, {@code io.taskbeam} (module-info.java):
 * it exports only {@code io.taskbeam} and {@code io.taskbeam.codec}, so javac refuses a modular
 * program's {@code import io.taskbeam.internal...} ("package ... is not visible"); {@code
 * internal.beam} (the runner seam) is exported only to taskbeam's runner jars, which carry {@code
 * Automatic-Module-Name} {@code io.taskbeam.runners.direct|flink|spark}, and is opened with {@code
 * internal.data} to Beam's core for its reflection on DoFns and coders. A modular program opens the
 * packages holding its {@code @Task} methods to {@code io.taskbeam}. On the class path ({@code mvn
 * exec:java}, Flink, Spark) modules do not exist and only this naming rule, checked by {@code
 * ArchitectureTest}, separates API from internals. Dependencies point one way, top to bottom:
 *
 * <pre>
 * io.taskbeam           API: TaskBeam, TaskFuture, BoundTask, @Task, @Param, options, Pair/Triple
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
 * internal.direct} (taskbeam-direct), {@code internal.flink} (taskbeam-flink) and {@code
 * internal.spark} (taskbeam-spark), each -> internal.beam.
 */
package io.taskbeam;
