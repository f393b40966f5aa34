package io.taskbeam.internal.exec;

import io.taskbeam.Pair;
import io.taskbeam.Triple;
import io.taskbeam.internal.data.FailedValue;
import io.taskbeam.internal.plan.CallSpec;
import java.util.List;

/** Part {@code i} of a result split into separate data: of a Pair, a Triple or a List. */
final class Parts {
  private Parts() {}

  static Object part(Object result, int i, CallSpec call) {
    if (result == null || result instanceof FailedValue) {
      return result; // an ignored result gives null parts; a cancelled one cancels them all
    }
    if (result instanceof Pair<?, ?> p) {
      return i == 0 ? p.first() : p.second();
    }
    if (result instanceof Triple<?, ?, ?> t) {
      return i == 0 ? t.first() : i == 1 ? t.second() : t.third();
    }
    if (result instanceof List<?> list) {
      if (i >= list.size()) {
        throw new io.taskbeam.TaskFailedException(
            call.taskName(),
            "task "
                + call.taskName()
                + " ("
                + call.function().displayName()
                + ") returned a list of "
                + list.size()
                + " elements; the program split it into "
                + call.partKeys().length
                + " parts",
            null);
      }
      return list.get(i);
    }
    throw new IllegalStateException(
        "result of "
            + call.taskName()
            + " is a "
            + result.getClass().getName()
            + ", which has no parts");
  }
}
