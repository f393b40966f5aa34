package io.taskbeam.internal.plan;

import java.io.Serializable;
import java.util.List;

/**
 * A chunk: the calls one element of a stage's ParDo runs, in order. {@code emitKeys} are the
 * versions later stages of the same pipeline read; {@code storeKeys} go to the bundle file {@code
 * storePath} for the driver and later sync points.
 */
public record ChunkSpec(
    int stage,
    int index,
    List<CallSpec> calls,
    List<String> emitKeys,
    List<String> storeKeys,
    String storePath)
    implements Serializable {

  public ChunkSpec {
    calls = List.copyOf(calls);
    emitKeys = List.copyOf(emitKeys);
    storeKeys = List.copyOf(storeKeys);
  }
}
