package io.taskbeam.internal.plan;

import io.taskbeam.internal.data.StoredRef;
import java.io.Serializable;

/**
 * Where a worker finds one argument of a task call.
 *
 * @param kind the channel the value arrives through
 * @param key the version key ({@code d12v3}); null for {@link Kind#FRESH}
 * @param inline the encoded value, for {@link Kind#INLINE}
 * @param stored the bundle entry, for {@link Kind#STORED}
 * @param copy the task modifies the value in place and someone else may see the same object, so the
 *     worker hands the task a copy
 * @param freshType the class to instantiate, for {@link Kind#FRESH}
 */
public record ArgSource(
    Kind kind, String key, byte[] inline, StoredRef stored, boolean copy, String freshType)
    implements Serializable {

  public enum Kind {
    /** A small program-supplied value carried in the chunk itself. */
    INLINE,
    /** A value in the work directory, read by this chunk only. */
    STORED,
    /** A value many chunks of the stage read: the stage's side input. */
    SIDE,
    /** A value computed by an earlier stage, routed to this chunk through its main input. */
    MAIN,
    /** A value computed earlier in the same chunk (inside a commutative group). */
    LOCAL,
    /** A new instance for an OUT parameter. */
    FRESH
  }

  static ArgSource inline(String key, byte[] bytes, boolean copy) {
    return new ArgSource(Kind.INLINE, key, bytes, null, copy, null);
  }

  static ArgSource stored(String key, StoredRef ref, boolean copy) {
    return new ArgSource(Kind.STORED, key, null, ref, copy, null);
  }

  static ArgSource of(Kind kind, String key, boolean copy) {
    return new ArgSource(kind, key, null, null, copy, null);
  }

  static ArgSource fresh(String type) {
    return new ArgSource(Kind.FRESH, null, null, null, false, type);
  }

  @Override
  public String toString() {
    return kind == Kind.FRESH
        ? "FRESH(" + freshType + ")"
        : kind + "(" + key + (copy ? ",copy" : "") + ")";
  }
}
