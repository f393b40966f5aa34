package io.taskbeam.internal.data;

import java.io.Serializable;

/**
 * Stands for a value kept in the work directory: entry {@code key} of the bundle file {@code path}.
 * Tasks load it where they run.
 */
public record StoredRef(String path, String key) implements Serializable {}
