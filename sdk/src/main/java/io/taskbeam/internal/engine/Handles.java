package io.taskbeam.internal.engine;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Which data the program can still reach. The API registers every future it hands out as a handle
 * on its datum, weakly referenced; once the garbage collector finds the last handle on a datum
 * unreachable, the datum becomes <em>unheld</em>, and so is a captured argument from the start. The
 * session releases unheld data once no pending task needs them ({@link #release}).
 */
final class Handles {
  /** A weak reference from a handle the program holds to the datum it names. */
  private static final class Handle extends WeakReference<Object> {
    final long datum;

    Handle(Object holder, long datum, ReferenceQueue<Object> queue) {
      super(holder, queue);
      this.datum = datum;
    }
  }

  /** Live handles per datum; a datum without an entry is held by no future. */
  private final Map<Long, Integer> counts = new HashMap<>();

  private final Set<Handle> refs = new HashSet<>();
  private final ReferenceQueue<Object> dropped = new ReferenceQueue<>();

  /** Data no future holds, to release once no pending task needs them. */
  private final Set<Long> unheld = new HashSet<>();

  /**
   * Data a {@code waitOn} in progress returns: held whatever the collector finds. The program's
   * list of futures may become unreachable while its own {@code waitOn} runs (nothing uses it after
   * the call), and its values must outlive the sync point that computes them.
   */
  private final Set<Long> pinned = new HashSet<>();

  /**
   * Data just made for the program (a result, a part, a put value) whose future the API has not
   * registered yet: held meanwhile, so a flush on the flusher's thread in between keeps them.
   */
  private final Set<Long> reserved = new HashSet<>();

  /** Data the program deleted ({@code delete}): their futures can no longer be used. */
  private final Set<Long> deleted = new HashSet<>();

  /** {@code datum} is held until the API registers its future ({@link #hold}). */
  void reserve(long datum) {
    reserved.add(datum);
  }

  /** {@code holder} is a handle on {@code datum} while it is reachable. */
  void hold(Object holder, long datum) {
    reserved.remove(datum);
    refs.add(new Handle(holder, datum, dropped));
    counts.merge(datum, 1, Integer::sum);
    unheld.remove(datum);
  }

  /** A datum no handle holds from the start (a captured argument). */
  void unheld(long datum) {
    unheld.add(datum);
  }

  /** The program deleted {@code datum}: its futures can no longer be used. */
  void delete(long datum, String what) {
    checkUsable(datum, what);
    deleted.add(datum);
    forget(datum);
  }

  /** Refuses a future whose datum the program deleted. */
  void checkUsable(long datum, String what) {
    if (deleted.contains(datum)) {
      throw new IllegalStateException(
          what + " was deleted with delete(...): it cannot be used again");
    }
  }

  /** The program dropped {@code datum} (deleted it, or its file): its handles no longer count. */
  void forget(long datum) {
    counts.remove(datum);
    unheld.add(datum);
  }

  /** Whether some handle on {@code datum} may still be reachable, or a waitOn returns it. */
  boolean held(long datum) {
    return counts.containsKey(datum) || pinned.contains(datum) || reserved.contains(datum);
  }

  /** {@code data} stay held until {@link #unpin}: a waitOn returns them. */
  void pin(Collection<Long> data) {
    pinned.addAll(data);
  }

  /** The waitOn returned: data no handle holds any longer become unheld. */
  void unpin(Collection<Long> data) {
    for (long datum : data) {
      if (pinned.remove(datum) && !counts.containsKey(datum)) {
        unheld.add(datum);
      }
    }
  }

  /** Counts down the handles the garbage collector found unreachable. */
  void noteDropped() {
    for (Object ref; (ref = dropped.poll()) != null; ) {
      Handle h = (Handle) ref;
      refs.remove(h);
      if (counts.containsKey(h.datum) && counts.merge(h.datum, -1, Integer::sum) == 0) {
        counts.remove(h.datum);
        if (!pinned.contains(h.datum)) {
          unheld.add(h.datum); // else unpin does it
        }
      }
    }
  }

  /** Offers every unheld datum to {@code release}; forgets those it took. */
  void release(LongPredicate release) {
    noteDropped();
    for (Iterator<Long> it = unheld.iterator(); it.hasNext(); ) {
      if (release.test(it.next())) {
        it.remove();
      }
    }
  }
}
