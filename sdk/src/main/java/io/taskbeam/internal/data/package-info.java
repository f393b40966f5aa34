/**
 * Values and where they live: the coder of every task value ({@link
 * io.taskbeam.internal.data.ValueCoder}, with the registered {@code ValueCodec}s), the driver's
 * values by version ({@link io.taskbeam.internal.data.DataStore}), the sealed bundle files of the
 * work directory ({@link io.taskbeam.internal.data.WorkDir}, {@link
 * io.taskbeam.internal.data.SessionSeal}), the per-worker {@link
 * io.taskbeam.internal.data.SharedCache}, and Java deserialization that only instantiates the
 * classes the program declared ({@link io.taskbeam.internal.data.SerialAllowList}).
 *
 * <p>The bottom layer: the engine, graph, plan, exec, beam and observe packages use it, on the
 * driver and on the workers alike; it knows none of them (ArchitectureTest). Of the rest it knows
 * the API's codecs and {@code AtomicFile}, and of Beam only the coder interface ValueCoder
 * implements.
 */
package io.taskbeam.internal.data;
