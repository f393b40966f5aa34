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
 * io.taskbeam         API: TaskBeam (submit, waitOn, barrier), TaskFuture, BoundTask, @Task, @Param,
 *                     options, Pair/Triple, TaskGroup, Binary, AtomicFile -> engine, exec, options
 * codec               ValueCodec (user codecs), DoubleArrays -> nothing
 * spi                 what taskbeam's other modules share with the SDK (StoredValues,
 *                     SealedDirectory), exported -> data
 * internal.engine     Session (the API's one door) over its rooms: Capture, Flushes, SyncPoints,
 *                     Flusher (--pipelined), Waits, TaskGroups, Handles -> every layer below
 * internal.memory     an in-memory sequential runner without Beam, for the engine's tests and
 *                     {@code --runner=InMemoryRunner} -> plan, exec, data
 * internal.beam       BeamRunner (the Runner on Beam), PipelineBuilder, the DoFns, RunnerSupport
 *                     (what differs per Beam runner) -> exec, plan, graph, data, observe
 * internal.exec       worker side: ChunkRunner, TaskInvoker, retries and file pre-images
 *                     -> plan, graph, data, observe
 * internal.observe    SyncListener, RunObserver, worker task events, metrics, LiveFeed
 *                     -> plan, graph, data, dashboard
 * internal.report     run directory files (HTML report, traces, graphs) from the record
 *                     -> observe, dashboard
 * internal.dashboard  the live page (--dashboard): server, event stream, bounded views
 *                     -> nothing internal
 * internal.plan       PlanCompiler, Plan, Stage, ChunkSpec, Runner (the seam) -> graph, data
 * internal.graph      TaskGraph: ids, versions, edges; FunctionResolver -> data
 * internal.data       ValueCoder and codecs, DataStore, WorkDir, SessionDirs, SharedCache
 *                     -> codec, AtomicFile
 * internal.options    runner profiles ({@code --profile}) -> nothing internal
 * </pre>
 *
 * Runner support is in its own artifacts, found through {@code java.util.ServiceLoader}: {@code
 * internal.direct} (taskbeam-direct), {@code internal.flink} (taskbeam-flink) and {@code
 * internal.spark} (taskbeam-spark), each -> internal.beam.
 */
package io.taskbeam;
