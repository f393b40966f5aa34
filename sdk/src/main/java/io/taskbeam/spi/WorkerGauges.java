package io.taskbeam.spi;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * What the workers' JVMs use now: CPU, heap and slots per worker process, for the dashboard's
 * workers panel. The runner provides it ({@code Runner.workerGauges}, which runner artifacts fill
 * through {@code RunnerSupport.Target.workerGauges}) because only the runner knows where its
 * workers are: a Flink cluster's REST API, or, for runners whose workers are threads of the driver,
 * this JVM ({@link #driverJvm()}). The dashboard samples it about once a second while it is on, and
 * never otherwise.
 */
@FunctionalInterface
public interface WorkerGauges {
  /**
   * One worker process now.
   *
   * @param process the process as chunk events name it (a Flink TaskManager's resource id), or null
   *     for the driver's own JVM
   * @param cpuLoad the JVM's share of the machine's CPU, 0..1, or -1 when unknown
   * @param heapUsed heap bytes in use, or -1
   * @param heapMax the heap's limit in bytes, or -1
   * @param slots task slots of the worker, or -1 when the runner has none to report
   * @param busySlots of those, the ones given to a job, or -1
   */
  record Sample(
      String process,
      String host,
      double cpuLoad,
      long heapUsed,
      long heapMax,
      int slots,
      int busySlots) {}

  /**
   * The workers now, one sample each; an empty list when they cannot be asked this time (the next
   * sample tries again). Must not throw, and must return within a few seconds.
   */
  List<Sample> sample();

  /** The driver's own JVM, one worker: right for runners that run tasks on the driver's threads. */
  static WorkerGauges driverJvm() {
    return () -> {
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      double cpu = -1;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        cpu = os.getProcessCpuLoad();
      }
      return List.of(new Sample(null, null, cpu, heap.getUsed(), heap.getMax(), -1, -1));
    };
  }
}
