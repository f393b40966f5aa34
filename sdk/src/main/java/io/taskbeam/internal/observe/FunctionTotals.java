package io.taskbeam.internal.observe;

import java.util.Arrays;

/**
 * Totals of one task function over a whole run, for the report's metrics table: tasks submitted,
 * calls by outcome, retries and call durations. Durations are kept exactly while the run record
 * keeps per-task detail; once it stops ({@code --taskDetailLimit}) they are folded into a histogram
 * of 8 buckets per power of two, so a million-task session holds a few kilobytes per function and
 * the quantiles it reports are within 9% (marked approximate).
 */
public final class FunctionTotals {
  private static final int BUCKETS_PER_OCTAVE = 8;
  private static final int BUCKETS = 64 * BUCKETS_PER_OCTAVE;

  private long submitted;
  private long finished;
  private long failed;
  private long retried;
  private long cancelled;
  private long totalMicros;
  private long minMicros = Long.MAX_VALUE;
  private long maxMicros = Long.MIN_VALUE;
  private long[] exact = new long[16];
  private int exactCount;
  private long[] histogram;

  void countSubmitted() {
    submitted++;
  }

  void ran(TaskRun run) {
    switch (run.outcome()) {
      case OK -> finished++;
      case CANCELLED -> cancelled++;
      default -> failed++;
    }
    retried += Math.max(0, run.attempts() - 1);
    long d = run.durationMicros();
    totalMicros += d;
    minMicros = Math.min(minMicros, d);
    maxMicros = Math.max(maxMicros, d);
    if (histogram == null) {
      if (exactCount == exact.length) {
        exact = Arrays.copyOf(exact, exact.length * 2);
      }
      exact[exactCount++] = d;
    } else {
      histogram[bucket(d)]++;
    }
  }

  /** From now on durations go to the histogram; the exact ones so far move there too. */
  void stopExact() {
    if (histogram != null) {
      return;
    }
    histogram = new long[BUCKETS];
    for (int i = 0; i < exactCount; i++) {
      histogram[bucket(exact[i])]++;
    }
    exact = null;
    exactCount = 0;
  }

  public long submitted() {
    return submitted;
  }

  public long finished() {
    return finished;
  }

  public long failed() {
    return failed;
  }

  public long retried() {
    return retried;
  }

  public long cancelled() {
    return cancelled;
  }

  /** Calls with a duration (every outcome). */
  public long calls() {
    return finished + failed + cancelled;
  }

  public long totalMicros() {
    return totalMicros;
  }

  /** False once durations went to the histogram: median and p95 are then approximate. */
  public boolean exact() {
    return histogram == null;
  }

  /**
   * {@code {min, median, p95, max}} in microseconds, or null without calls. Exact: the sorted
   * durations at indexes {@code n/2} and {@code ceil(0.95 n) - 1}; else the same ranks read from
   * the histogram (a bucket's geometric middle, clamped to min and max).
   */
  public long[] quantiles() {
    long n = calls();
    if (n == 0) {
      return null;
    }
    long medianRank = n / 2;
    long p95Rank = Math.min(n - 1, (long) Math.ceil(n * 0.95) - 1);
    if (histogram == null) {
      long[] sorted = Arrays.copyOf(exact, exactCount);
      Arrays.sort(sorted);
      return new long[] {
        sorted[0], sorted[(int) medianRank], sorted[(int) p95Rank], sorted[sorted.length - 1]
      };
    }
    return new long[] {minMicros, fromHistogram(medianRank), fromHistogram(p95Rank), maxMicros};
  }

  private long fromHistogram(long rank) {
    long seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += histogram[b];
      if (seen > rank) {
        double middle = Math.pow(2, (b + 0.5) / BUCKETS_PER_OCTAVE) - 1;
        return Math.max(minMicros, Math.min(maxMicros, Math.round(middle)));
      }
    }
    return maxMicros;
  }

  /** Bucket b holds durations d with 2^(b/8) <= d + 1 < 2^((b+1)/8). */
  static int bucket(long micros) {
    double log2 = Math.log(Math.max(0, micros) + 1.0) / Math.log(2);
    return (int) Math.min(BUCKETS - 1, Math.floor(log2 * BUCKETS_PER_OCTAVE));
  }
}
