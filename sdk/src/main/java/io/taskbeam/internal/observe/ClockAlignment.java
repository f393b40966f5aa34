package io.taskbeam.internal.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts worker times on the driver's clock. Every JVM stamps events in epoch microseconds (see
 * {@link EventClock}); on one host they share the kernel's clock and need nothing. A worker on
 * another host may be off by its NTP error. The driver knows one hard fact: every chunk of a sync
 * point ran after the driver handed the pipeline to the runner and before the runner returned. A
 * worker process whose chunks fall outside that window is moved, as a whole, by the least amount
 * that puts them inside.
 *
 * <p>Limit: an offset smaller than the slack between the window's edges and the worker's first and
 * last chunk cannot be seen, so it stays; a worker whose span is longer than the window (which only
 * a clock running at a different rate could produce) is aligned at the start.
 */
public final class ClockAlignment {
  private ClockAlignment() {}

  /** Aligned runs, and the shift applied per worker process (0 when none was needed). */
  public record Result(List<ChunkRun> runs, Map<String, Long> shifts) {}

  public static Result align(List<ChunkRun> runs, long windowStart, long windowEnd) {
    Map<String, long[]> span = new LinkedHashMap<>();
    for (ChunkRun r : runs) {
      long[] s =
          span.computeIfAbsent(
              r.worker().processKey(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] = Math.min(s[0], r.startMicros());
      s[1] = Math.max(s[1], r.endMicros());
    }
    Map<String, Long> shifts = new LinkedHashMap<>();
    span.forEach((process, s) -> shifts.put(process, shift(s[0], s[1], windowStart, windowEnd)));
    List<ChunkRun> aligned = new ArrayList<>(runs.size());
    for (ChunkRun r : runs) {
      long shift = shifts.get(r.worker().processKey());
      aligned.add(shift == 0 ? r : r.shifted(shift));
    }
    return new Result(aligned, shifts);
  }

  static long shift(long first, long last, long windowStart, long windowEnd) {
    if (first < windowStart || last - first > windowEnd - windowStart) {
      return windowStart - first;
    }
    if (last > windowEnd) {
      return windowEnd - last;
    }
    return 0;
  }
}
