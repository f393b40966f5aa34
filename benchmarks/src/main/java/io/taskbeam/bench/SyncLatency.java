package io.taskbeam.bench;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of a sync point goes, for one runner, in a fresh JVM: the first sync point (from
 * {@code TaskBeam.start}, and from the JVM's start), then {@link SyncPoints#WARM_UPS} warm-ups and
 * {@code --n} measured round trips with their split into compile and run from the session's {@link
 * SyncReport}s. Runner options follow the {@code --n=N} argument:
 *
 * <pre>
 * java -cp ... io.taskbeam.bench.SyncLatency --n=50 --runner=FlinkRunner --flinkMaster=[local]
 * </pre>
 */
public final class SyncLatency {
  private SyncLatency() {}

  public static void main(String[] args) {
    int n = 50;
    String[] beam = args;
    if (args.length > 0 && args[0].startsWith("--n=")) {
      n = Integer.parseInt(args[0].substring(4));
      beam = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    try (TaskBeam tb = TaskBeam.start(beam)) {
      long started = System.nanoTime();
      long first = SyncPoints.once(tb, 1);
      double firstFromStart = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "target: %s%n", tb.target());
      System.out.printf(
          Locale.ROOT,
          "first sync: %.3f s from TaskBeam.start (start %.3f s, "
              + "round trip %.3f s), %.3f s from JVM start%n",
          firstFromStart,
          (started - start) / 1e9,
          first / 1e9,
          (startMillis - jvmStart) / 1e3 + firstFromStart);
      long[] trips = SyncPoints.roundTrips(tb, n);
      List<SyncReport> reports = tb.reports();
      List<SyncReport> measured = reports.subList(reports.size() - n, reports.size());
      double compile =
          measured.stream()
                  .mapToLong(SyncReport::compileNanos)
                  .sorted()
                  .skip(n / 2)
                  .findFirst()
                  .orElse(0)
              / 1e6;
      double run =
          measured.stream()
                  .mapToLong(SyncReport::runNanos)
                  .sorted()
                  .skip(n / 2)
                  .findFirst()
                  .orElse(0)
              / 1e6;
      System.out.printf(
          Locale.ROOT,
          "warm round trip (%d after %d warm-ups): median %.1f ms, "
              + "p10 %.1f, p90 %.1f; median compile %.2f ms, run %.1f ms%n",
          n,
          SyncPoints.WARM_UPS,
          SyncPoints.quantile(trips, 0.5) * 1e3,
          SyncPoints.quantile(trips, 0.1) * 1e3,
          SyncPoints.quantile(trips, 0.9) * 1e3,
          compile,
          run);
    }
    System.exit(0);
  }
}
