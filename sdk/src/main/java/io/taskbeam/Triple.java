package io.taskbeam;

import java.io.Serializable;

/** Three results of one task (PyCOMPSs {@code returns=3}); see {@link Pair}. */
public record Triple<A, B, C>(A first, B second, C third) implements Serializable {
  private static final long serialVersionUID = 1L;
}
