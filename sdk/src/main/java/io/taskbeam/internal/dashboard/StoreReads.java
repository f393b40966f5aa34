package io.taskbeam.internal.dashboard;

/**
 * What one chunk read from the data store: its lookups in the worker's shared cache (values many
 * tasks read, kept once per worker JVM) and the bytes it read from the work directory.
 *
 * @param cacheHits lookups that found the value in the worker's memory
 * @param cacheMisses lookups that read the value from the store
 */
public record StoreReads(long cacheHits, long cacheMisses, long bytesRead) {
  /** A chunk that read nothing, or whose reads were not counted. */
  public static final StoreReads NONE = new StoreReads(0, 0, 0);
}
