package io.taskbeam;

import static io.taskbeam.Direction.COMMUTATIVE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link TaskBeam#collect}: a collection parameter (COMPSs' COLLECTION_IN) built from the task
 * model itself. Each element is placed into its slot of one list by a COMMUTATIVE update, so the
 * placements form one unit of work that runs once every element exists, in one stage, and the list
 * is one datum that any task can read.
 */
final class Gather {
  private Gather() {}

  /** Named as the API call, so messages about pending tasks say {@code collect#12}. */
  @Task
  static void collect(@Param(COMMUTATIVE) ArrayList<Object> slots, Object element, int index) {
    slots.set(index, element);
  }

  @SuppressWarnings("unchecked")
  static <T> TaskFuture<List<T>> gather(
      TaskBeam tb, List<? extends TaskFuture<? extends T>> parts) {
    TaskFuture<ArrayList<Object>> slots =
        tb.put(new ArrayList<>(Collections.nCopies(parts.size(), null)));
    TaskFn.V3<ArrayList<Object>, Object, Integer> place = Gather::collect;
    for (int i = 0; i < parts.size(); i++) {
      tb.record(place, slots, parts.get(i), i); // submit(...) is ambiguous for an Object element
    }
    return (TaskFuture<List<T>>) (TaskFuture<?>) slots;
  }
}
