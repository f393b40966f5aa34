/**
 * Checkpoints and resume, as in COMPSs 3.4: what a run journals about its finished tasks, and how a
 * later run of the same program takes their results instead of running them again.
 *
 * <p>{@link io.taskbeam.internal.checkpoint.Identities} names every version by its content: a
 * program value by a SHA-256 of its encoding, a program file by its path and content, a task's
 * output by the task's identity (its method, a digest of its class bytes, and the identities of its
 * inputs). {@link io.taskbeam.internal.checkpoint.Journal} appends, after each job, the tasks it
 * finished and where their kept results lie (checksummed, forced to disk before they count); {@link
 * io.taskbeam.internal.checkpoint.JournalReader} reads one back up to its last good record; {@link
 * io.taskbeam.internal.checkpoint.ResumeSource} is an earlier run's journal as a resumed run asks
 * it. The format: docs/checkpoints.md.
 *
 * <p>Sits on the graph and data layers; the engine wires it into a session ({@code
 * engine.Checkpoints}).
 */
package io.taskbeam.internal.checkpoint;
