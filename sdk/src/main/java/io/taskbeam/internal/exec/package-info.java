/**
 * The worker side of a task call: {@link io.taskbeam.internal.exec.ChunkRunner} runs the calls of
 * one chunk in order, gathering their arguments and keeping the values later calls and stages read;
 * {@link io.taskbeam.internal.exec.TaskInvoker} calls one task method under its failure policy
 * (retries from restored inputs, timeouts, IGNORE, CANCEL_SUCCESSORS); {@link
 * io.taskbeam.internal.exec.PreImages} and {@link io.taskbeam.internal.exec.FileSnapshots} make a
 * call that modifies files safe to run again; {@link io.taskbeam.internal.exec.CoreBudget} shares
 * the worker's cores among calls asking for several.
 *
 * <p>Used by whatever runs chunks (the Beam layer's {@code RunChunkFn}) and by the API's {@code
 * Binary} (through {@link io.taskbeam.internal.exec.TaskContext}). It knows no runner and no
 * pipeline: a chunk spec and the values it needs in, the values it made out.
 */
package io.taskbeam.internal.exec;
