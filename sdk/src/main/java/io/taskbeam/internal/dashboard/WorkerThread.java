package io.taskbeam.internal.dashboard;

/**
 * The thread a chunk ran on, named for the task stream.
 *
 * @param processKey unique per worker process ({@code host:pid})
 * @param processName what the page calls the process: a Flink TaskManager's id, or host:pid
 * @param threadKey unique per thread within the process
 * @param label the thread's row label ({@code subtask 2, thread 87})
 */
public record WorkerThread(
    String processKey, String processName, String host, String threadKey, String label) {}
