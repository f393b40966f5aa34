/**
 * An in-memory sequential runner without Beam ({@code --runner=InMemoryRunner}): runs a plan's
 * chunks one after another on the driver's thread through the same chunk runner a Beam worker uses.
 * The engine's tests and the conformance suite run on it in milliseconds; it knows plans and the
 * executor, never Beam's pipelines.
 */
package io.taskbeam.internal.memory;
