package io.taskbeam.internal.dashboard;

import java.util.List;

/**
 * One worker process's CPU, heap and slots as the workers panel shows them: the last sample, the
 * peaks seen so far and the last samples' history (the page's sparkline). A sample the runner just
 * took has its peaks equal to its values and no history; the run's record keeps the panel's rows so
 * that the frozen report shows them too.
 *
 * @param process what the task stream calls the process (a Flink TaskManager's id, or host:pid)
 * @param cpuLoad the JVM's share of the machine's CPU, 0..1, or -1 when unknown
 * @param heapUsed heap bytes in use, or -1
 * @param heapMax the heap's limit, or -1
 * @param slots task slots, or -1 when the runner has none (the driver's JVM: its threads)
 * @param busySlots of those, the ones given to a job, or -1
 * @param cpuHistory the last samples' CPU, in permille of the machine (-1 unknown), oldest first
 * @param heapHistory the last samples' heap in use, oldest first
 */
public record WorkerGauge(
    String process,
    String host,
    double cpuLoad,
    long heapUsed,
    long heapMax,
    double peakCpuLoad,
    long peakHeapUsed,
    int slots,
    int busySlots,
    List<Long> cpuHistory,
    List<Long> heapHistory) {

  public WorkerGauge {
    cpuHistory = List.copyOf(cpuHistory);
    heapHistory = List.copyOf(heapHistory);
  }

  /** A fresh sample: its peaks are its values, no history yet. */
  public static WorkerGauge sample(
      String process,
      String host,
      double cpuLoad,
      long heapUsed,
      long heapMax,
      int slots,
      int busySlots) {
    return new WorkerGauge(
        process, host, cpuLoad, heapUsed, heapMax, cpuLoad, heapUsed, slots, busySlots, List.of(),
        List.of());
  }

  /**
   * This row's values with the higher of its and {@code earlier}'s peaks (null: its own), and the
   * given history.
   */
  WorkerGauge after(WorkerGauge earlier, List<Long> cpu, List<Long> heap) {
    // a metric missing from one sample (a cluster's REST answered before its metric fetcher had
    // it) keeps the value known before, rather than blanking the panel or a run's record
    boolean keep = earlier != null;
    return new WorkerGauge(
        process,
        host,
        keep && cpuLoad < 0 ? earlier.cpuLoad : cpuLoad,
        keep && heapUsed < 0 ? earlier.heapUsed : heapUsed,
        keep && heapMax < 0 ? earlier.heapMax : heapMax,
        earlier == null ? peakCpuLoad : Math.max(earlier.peakCpuLoad, peakCpuLoad),
        earlier == null ? peakHeapUsed : Math.max(earlier.peakHeapUsed, peakHeapUsed),
        slots,
        busySlots,
        cpu,
        heap);
  }
}
