package io.taskbeam.internal.data;

import java.io.Serializable;

/**
 * Stands for a value that was never computed because {@code failedTask} failed under
 * CANCEL_SUCCESSORS; it flows to successors in place of their inputs and cancels them too.
 */
public record FailedValue(String failedTask, String message) implements Serializable {}
