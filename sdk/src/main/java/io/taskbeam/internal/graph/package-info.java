/**
 * The task graph, as plain data: {@link io.taskbeam.internal.graph.TaskGraph} records data, their
 * versions ({@link io.taskbeam.internal.graph.DataVersion}) and the pending task calls ({@link
 * io.taskbeam.internal.graph.TaskNode}), with COMPSs' renaming: a task that writes a datum makes
 * its next version, and only read-after-write edges remain. {@link
 * io.taskbeam.internal.graph.FunctionResolver} turns a method reference into its {@link
 * io.taskbeam.internal.graph.TaskFunction} (the method and its {@code @Task}/{@code @Param}
 * metadata), once per call site.
 *
 * <p>The engine fills it at each submit; the compiler ({@code internal.plan}) reads it at each sync
 * point. It knows neither Beam nor any runner, nor where values are kept: it names versions, and
 * the engine's data store holds them.
 */
package io.taskbeam.internal.graph;
