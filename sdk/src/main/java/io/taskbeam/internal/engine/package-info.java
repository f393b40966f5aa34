/**
 * The session engine under {@code io.taskbeam.TaskBeam}, in rooms of its own. {@link
 * io.taskbeam.internal.engine.Session} is the one door the API goes through; it hands each call to
 * the room that owns it:
 *
 * <ul>
 *   <li>{@code Capture}: arguments becoming data (futures, files through {@code FileData}, plain
 *       values captured with a fingerprint so a value changed between submissions is captured
 *       again);
 *   <li>{@code Flushes}: the pending graph becoming a job (compiled by {@code PlanCompiler}, the
 *       graph settled at once, where the job will store each version recorded in the store);
 *   <li>{@code SyncPoints}: jobs as the program sees them (which job stores which version, waiting
 *       for jobs, failures thrown once); {@code Flusher}: the background thread of {@code
 *       --pipelined}, which starts jobs while the program submits;
 *   <li>{@code Waits}: {@code waitOn}, {@code waitOnFile}, {@code deleteFile}, {@code delete};
 *   <li>{@code TaskGroups}, {@code Handles} (which data the program still reaches), {@code Missing}
 *       (every way a value can fail to exist, as one exception type each).
 * </ul>
 *
 * The rooms share {@code SessionParts} (graph, store, handles, files) and the session's lock: the
 * API's calls and the flusher's flushes take it, a job runs outside it. The runner is injected
 * ({@link io.taskbeam.internal.engine.RunnerFactory}): Beam's, the in-memory one of {@code
 * io.taskbeam.internal.memory}, or a test's.
 *
 * <h2>A task call, from submit to the worker</h2>
 *
 * <ol>
 *   <li>{@code TaskSubmitter.submit} (typed overload), or {@code BoundTask.submit} -> {@code
 *       HandleIds.submit}: futures become datum ids;
 *   <li>{@code Session.submit}: {@code FunctionResolver} resolves the method reference once, {@code
 *       Capture.arguments} makes the arguments data, {@code TaskGraph.addTask} records versions and
 *       edges;
 *   <li>at a sync point ({@code waitOn}, {@code barrier}), or earlier on the flusher's thread with
 *       {@code --pipelined}: {@code Flushes.flush} compiles the pending tasks into a job, {@code
 *       SyncPoints.execute} hands its plan to the {@code Runner};
 *   <li>on Beam, {@code PipelineBuilder} lays the plan out as transforms and {@code RunChunkFn}
 *       hands each chunk to {@code ChunkRunner}, which calls the method through {@code
 *       TaskInvoker}; the in-memory runner calls {@code ChunkRunner} itself.
 * </ol>
 *
 * <p>Observation ({@code SyncListener}) is told of each step and changes none: with {@code
 * --observe=false} the same plans run. {@code --explain} is the flush's own: it prints the first
 * plan and stops, whether or not anything observes (and turns the flusher off).
 */
package io.taskbeam.internal.engine;
