package io.taskbeam.internal.dashboard;

/**
 * One task call of a chunk that ended, as its worker recorded it.
 *
 * @param startMicros epoch microseconds
 * @param endMicros epoch microseconds
 * @param state {@link TaskState#DONE}, {@link TaskState#FAILED} or {@link TaskState#CANCELLED}
 */
public record TaskCall(
    String task, String function, long startMicros, long endMicros, TaskState state) {}
