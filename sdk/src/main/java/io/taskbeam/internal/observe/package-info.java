/**
 * Seeing what ran: task events from the workers, the driver's record of a run, metrics and
 * progress.
 *
 * <h2>How worker events reach the driver</h2>
 *
 * There is no network channel of taskbeam's own between workers and driver: the work directory,
 * which every worker can already read and write, carries the events. A chunk records each task call
 * (start and end in epoch microseconds, outcome, attempts) with its worker's identity (host and
 * pid, Flink TaskManager id from the JVM's arguments, subtask from Flink's thread name, thread),
 * and writes them as one small file next to its result bundle when it ends ({@link
 * io.taskbeam.internal.observe.ChunkRecorder}, {@link io.taskbeam.internal.observe.EventFiles}).
 * While it runs it rewrites a one-line status file at most every 200 ms. The driver polls the
 * status files for progress and the running-task gauge, and reads the event files after each sync
 * point.
 *
 * <h2>Clocks</h2>
 *
 * Every JVM stamps events with its wall clock, read once per chunk and advanced with the monotonic
 * clock ({@link io.taskbeam.internal.observe.EventClock}). JVMs on one host share the kernel's
 * clock, so they agree to microseconds; that covers the local cluster and the DirectRunner. Workers
 * on other hosts agree as far as NTP keeps their clocks together; the driver then moves a worker's
 * events as a whole when they fall outside the window in which the runner ran its pipeline ({@link
 * io.taskbeam.internal.observe.ClockAlignment}), which catches large offsets but not ones smaller
 * than the slack at the window's edges.
 *
 * <h2>Files</h2>
 *
 * The run directory ({@link io.taskbeam.internal.observe.RunDirectory}) is separate from the work
 * directory: the work directory is shared scratch space deleted at the end; the run directory is
 * what a person opens afterwards. Its files are written from the {@link
 * io.taskbeam.internal.observe.RunRecord} by {@code io.taskbeam.internal.report}; a failure's whole
 * stack trace goes to its {@code failures.txt} ({@link io.taskbeam.internal.observe.FailureLog}),
 * and stderr gets one line naming it.
 *
 * <h2>Memory</h2>
 *
 * The record keeps per-task detail ({@code TaskInfo}, {@code TaskRun}: about 500 bytes a task) for
 * the first {@code --taskDetailLimit} tasks and calls only (100,000 by default), and {@link
 * io.taskbeam.internal.observe.FunctionTotals} per function for every task; chunk runs stay, with a
 * count of the calls left out. A long session's record therefore stops growing at the limit, and
 * the report, trace and log name the limit when it was reached.
 *
 * <h2>Live dashboard</h2>
 *
 * With {@code --dashboard} on, {@code LiveFeed} (package-private) hands the same events to {@code
 * io.taskbeam.internal.dashboard} (which depends on no other internal package): counters per
 * function and bounded views, nothing per task; with it off, nothing of it exists while the run
 * goes on. At the end {@link io.taskbeam.internal.observe.RecordReplay} plays the finished record
 * into the same dashboard state, on or off, and that state frozen on the dashboard's page is the
 * run's report.
 */
package io.taskbeam.internal.observe;
