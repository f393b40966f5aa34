/**
 * The session engine under {@code io.taskbeam.TaskBeam}: {@link
 * io.taskbeam.internal.engine.Session} records calls into the task graph, and at each sync point
 * compiles what is pending into a plan, hands it to a {@code Runner}, and reads results back.
 *
 * <h2>A task call, from submit to the worker</h2>
 *
 * <ol>
 *   <li>{@code TaskSubmitter.submit} (typed overload), or {@code BoundTask.submit} (the bound form
 *       {@code tb.task(fn).submit(args)}) -> {@code TaskBeam.record}: futures become datum ids;
 *   <li>{@code Session.submit}: {@code FunctionResolver} resolves the method reference once, {@code
 *       TaskGraph.addTask} records versions and edges;
 *   <li>at {@code waitOn}/{@code barrier}, {@code Session.sync}: {@code PlanCompiler.compile} makes
 *       the plan, {@code BeamRunner.run} runs it;
 *   <li>{@code PipelineBuilder} lays the plan out as transforms; on a worker {@code RunChunkFn}
 *       hands each chunk to {@code ChunkRunner}, which calls the method through {@code
 *       TaskInvoker}.
 * </ol>
 *
 * <p>The rest of the COMPSs model lives beside the session: {@code FileData} (files as data,
 * renamed when a writer comes while readers are pending), {@code TaskGroups} (barrier and cancel by
 * group), {@code Handles} (which data the program still reaches, and {@code delete}). A plain
 * argument is captured at each submit; an unchanged object passed again is recognized by the
 * fingerprint of its encoding. A result split into parts ({@code TaskGraph.split}) gives each part
 * a datum of its own, written by the same task.
 *
 * <p>Observation ({@code SyncListener}) is told of each step and changes none: with {@code
 * --observe=false} the same plans run. {@code --explain} is the sync step's own: it prints the
 * first plan and stops, whether or not anything observes.
 */
package io.taskbeam.internal.engine;
