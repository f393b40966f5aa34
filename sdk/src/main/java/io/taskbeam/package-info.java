/**
 * The taskbeam API. A program starts a {@link io.taskbeam.TaskBeam} session, submits calls of
 * static {@link io.taskbeam.Task @Task} methods (parameter directions with {@link
 * io.taskbeam.Param @Param}), and reads results at sync points ({@code waitOn}, {@code
 * barrier}). Everything under {@code io.taskbeam.internal} is implementation: the task graph,
 * the plan compiler, the Beam layer and the worker runtime.
 */
package io.taskbeam;
