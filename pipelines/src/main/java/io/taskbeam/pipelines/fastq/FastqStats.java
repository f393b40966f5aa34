package io.taskbeam.pipelines.fastq;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Statistics of a set of FASTQ records: reads, bases, GC content (over the called bases A, C, G, T;
 * N excluded), Phred quality (Sanger, offset 33) and the histogram of read lengths. Statistics of
 * disjoint parts add up with {@link #add}.
 */
public final class FastqStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private long reads;
  private long bases;
  private long calledBases;
  private long gcBases;
  private long qualitySum;
  private final TreeMap<Integer, Long> lengths = new TreeMap<>();

  /** Counts one record; the sequence and quality have been checked to be valid and equal long. */
  void count(CharSequence sequence, CharSequence quality) {
    int length = sequence.length();
    reads++;
    bases += length;
    for (int i = 0; i < length; i++) {
      char base = sequence.charAt(i);
      if (base != 'N' && base != 'n') {
        calledBases++;
        if (base == 'G' || base == 'C' || base == 'g' || base == 'c') {
          gcBases++;
        }
      }
      qualitySum += quality.charAt(i) - 33;
    }
    lengths.merge(length, 1L, Long::sum);
  }

  /** Adds the statistics of records disjoint from these. */
  public void add(FastqStats other) {
    reads += other.reads;
    bases += other.bases;
    calledBases += other.calledBases;
    gcBases += other.gcBases;
    qualitySum += other.qualitySum;
    other.lengths.forEach((length, n) -> lengths.merge(length, n, Long::sum));
  }

  public long reads() {
    return reads;
  }

  public long bases() {
    return bases;
  }

  /** G + C over A + C + G + T; 0 without called bases. */
  public double gcFraction() {
    return calledBases == 0 ? 0 : (double) gcBases / calledBases;
  }

  /** Mean Phred quality over all bases; 0 without bases. */
  public double meanQuality() {
    return bases == 0 ? 0 : (double) qualitySum / bases;
  }

  /** Read length to number of reads, by length. */
  public Map<Integer, Long> lengths() {
    return java.util.Collections.unmodifiableMap(lengths);
  }

  /** One line: reads, bases, GC, quality, length range. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d reads, %d bases, GC %.2f%%, mean quality %.2f, " + "lengths %s",
        reads,
        bases,
        100 * gcFraction(),
        meanQuality(),
        lengths.isEmpty()
            ? "none"
            : lengths.firstKey() + "-" + lengths.lastKey() + " (" + lengths.size() + " distinct)");
  }

  /** The full report as tab-separated lines, the histogram last. */
  public String report(String name) {
    StringBuilder text = new StringBuilder();
    text.append("file\t").append(name).append('\n');
    text.append("reads\t").append(reads).append('\n');
    text.append("bases\t").append(bases).append('\n');
    text.append(String.format(Locale.ROOT, "gc_fraction\t%.6f%n", gcFraction()));
    text.append(String.format(Locale.ROOT, "mean_quality\t%.4f%n", meanQuality()));
    text.append("length\treads\n");
    lengths.forEach((length, n) -> text.append(length).append('\t').append(n).append('\n'));
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FastqStats s
        && reads == s.reads
        && bases == s.bases
        && calledBases == s.calledBases
        && gcBases == s.gcBases
        && qualitySum == s.qualitySum
        && lengths.equals(s.lengths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reads, bases, calledBases, gcBases, qualitySum, lengths);
  }

  @Override
  public String toString() {
    return summary();
  }
}
