package io.taskbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, speedups, ratios and target verdicts, on made-up runs with known answers. */
class ReportTest {
  private static final Workload SEED = new Workload("seed1000", 7680, 768);

  private static Row run(Workload w, String config, int workers, int run, double seconds) {
    return Row.of(w, config, workers, run, seconds, !config.startsWith("seq"), "openblas");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Report.median(new double[] {3, 1, 2}), is(2.0));
    assertThat(Report.median(new double[] {4, 1, 3, 2}), is(2.5));
  }

  @Test
  void mediansDeriveRatesFromTheMedianTime() {
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(SEED, "direct", 1, 1, 30),
                run(SEED, "direct", 1, 2, 10),
                run(SEED, "direct", 1, 3, 20)));
    assertThat(m.size(), is(1));
    assertThat(m.get(0).seconds(), is(20.0));
    assertThat(m.get(0).runs(), is(3));
    assertThat(m.get(0).gflops(), closeTo(2.0 * 7680 * 7680 * 7680 / 20 / 1e9, 1e-9));
    assertThat(m.get(0).tasksPerS(), closeTo(1000 / 20.0, 1e-9));
  }

  @Test
  void speedupEfficiencyAndRatioToBlasAppearInTheTable() {
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(SEED, "seq-blas", 2, 1, 10),
                run(SEED, "flink-cluster", 1, 1, 30),
                run(SEED, "flink-cluster", 2, 1, 16)));
    Report.Median two = m.get(2);
    assertThat(two.config(), is("flink-cluster"));
    assertThat(Report.speedup(m, two), closeTo(1.875, 1e-12));
    assertThat(Report.ratioToBlas2(m, two), closeTo(10 / 16.0, 1e-12));
    assertThat(
        Report.markdown(m),
        containsString(
            "| seed1000 | 7680 | flink-cluster | 2 | 1 | 16.000 | 56.6 | 63 | 1.88 | 94% | 63% |"));
  }

  @Test
  void targetsSayMetMissedOrNotMeasured() {
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(SEED, "flink-cluster", 1, 1, 30),
                run(SEED, "flink-cluster", 2, 1, 15),
                run(SEED, "direct", 1, 1, 30),
                run(SEED, "direct", 2, 1, 20)));
    String md =
        Targets.markdown(
            m,
            List.of(
                new String[] {"matmul", "4096", "direct", "2", "1", "1.05", "taskbeam-commutative"},
                new String[] {"matmul", "4096", "direct", "2", "1", "1.00", "hand-beam"}));
    assertThat(
        md,
        containsString(
            "| seed1000, 1 -> 2 workers, flink-cluster: speedup >= 1.9 " + "| 2.00 | met |"));
    assertThat(md, containsString("direct: speedup >= 1.9 (for comparison) | 1.50 | MISSED |"));
    assertThat(
        md,
        containsString("| 100,000 tiny tasks, direct x2: >= 100,000 tasks/s |  | not measured |"));
    assertThat(
        md,
        containsString(
            "| sync point round trip, warm session, flink-cluster x2: <= 250 ms |  "
                + "| not measured |"));
    assertThat(
        md,
        containsString(
            "| SDK cost vs hand-made Beam, matmul n=4096, direct x2: "
                + "within 10% | +5.0% (taskbeam 1.05 s, hand-made 1.00 s) | met |"));
  }

  @Test
  void issue15TargetsReadSyncFirstSyncAndSessionRows() {
    Workload session = new Workload(Workload.SESSION, 1_000_000, 0);
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(new Workload(Workload.SYNC, 50, 0), "flink-cluster", 2, 1, 0.2),
                run(new Workload(Workload.SYNC, 50, 0), "direct", 2, 1, 0.05),
                run(new Workload(Workload.FIRST_SYNC, 1, 0), "flink-cluster", 2, 1, 4.5),
                run(session, "direct", 2, 1, 8).withRetainedMb(42.5),
                run(session, "direct", 2, 2, 12).withRetainedMb(60.5),
                run(session, "direct", 2, 3, 10).withRetainedMb(50.0)));
    String md = Targets.markdown(m, List.of());
    assertThat(
        md,
        containsString(
            "| sync point round trip, warm session, flink-cluster x2: <= 250 ms | 200.0 ms "
                + "| met |"));
    assertThat(
        md,
        containsString(
            "| sync point round trip, warm session, direct x2: <= 20 ms | 50.0 ms | MISSED |"));
    assertThat(
        md,
        containsString("| first sync point of a fresh JVM, flink-cluster x2: <= 3 s | 4.50 s "));
    assertThat(
        md,
        containsString(
            "| 1,000,000 tiny tasks in one session (10 sync points), direct x2: >= 100,000 "
                + "tasks/s | 100000 tasks/s | met |"));
    assertThat(
        md,
        containsString(
            "| 1,000,000 tiny tasks in one session, direct x2: driver heap retained < 100 MB "
                + "| 50.0 MB | met |"));
  }

  @Test
  void theDashboardsCostIsTheSessionWithItOnAgainstOff() {
    Workload off = new Workload(Workload.DASHBOARD_OFF, 1_000_000, 0);
    Workload on = new Workload(Workload.DASHBOARD_AUTO, 1_000_000, 0);
    assertThat(off.isSession() && on.isSession(), is(true));
    assertThat(off.dashboardOption(), is("--dashboard=off"));
    assertThat(on.dashboardOption(), is("--dashboard=auto"));
    assertThat(new Workload(Workload.SESSION, 10, 0).dashboardOption(), is((String) null));
    assertThat(on.tasks(), is(1_000_000L));
    assertThat(Workload.full(), org.hamcrest.Matchers.hasItems(off, on));
    String notMeasured = Targets.markdown(Report.medians(List.of()), List.of());
    assertThat(
        notMeasured,
        containsString(
            "| live dashboard's cost, 1,000,000 tiny tasks in one session, direct x2: <= 3% of"
                + " wall time |  | not measured |"));
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(off, "direct", 2, 1, 10).withRetainedMb(40),
                run(on, "direct", 2, 1, 10.5).withRetainedMb(41)));
    assertThat(
        Targets.markdown(m, List.of()),
        containsString(
            "<= 3% of wall time | +5.0% (on 10.50 s, off 10.00 s; heap retained on 41.0 MB, off"
                + " 40.0 MB) | MISSED |"));
  }

  @Test
  void rowsRoundTripThroughCsv() {
    Row tiny = run(new Workload("tiny", 1000, 0), "direct", 2, 3, 0.05);
    assertThat(tiny.csv(), is("tiny,1000,direct,2,3,0.0500,,20000.00,openblas,"));
    assertThat(
        Row.parse(tiny.csv()), is(Row.parse("tiny,1000,direct,2,3,0.0500,,20000.00,openblas")));
    assertThat(Row.parse(tiny.csv()).tasksPerS(), is(20000.0));
    Row session = tiny.withRetainedMb(12.25);
    assertThat(session.csv(), is("tiny,1000,direct,2,3,0.0500,,20000.00,openblas,12.25"));
    assertThat(Row.parse(session.csv()).retainedMb(), is(12.25));
  }

  @Test
  void badWorkloadsAreRejectedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Workload.parse("huge:10:2"));
    assertThat(
        e.getMessage(),
        is(
            "unknown workload 'huge': use one of seed1000, matmul, tiny, sync, kmeans, "
                + "first-sync, session, overlap, first-task, dashboard-off, dashboard-auto, "
                + "seed-dashboard-off, seed-dashboard-auto, kmeans-fresh, kmeans-resumed"));
    assertThat(Workload.parse("session:1000000:0").tasks(), is(1_000_000L));
    assertThat(Workload.parse("first-sync:1:0").tasks(), is(1L));
    assertThat(Workload.parse("matmul:8192:1024").tasks(), is(512L));
    // a sync row's time is one round trip; kmeans counts its partial sums (20 x 8)
    assertThat(Workload.parse("sync:50:0").tasks(), is(1L));
    assertThat(Workload.parse("kmeans:20000:0").tasks(), is(160L));
    assertThat(Workload.parse("kmeans:20000:0").warmUp().size(), is(4000));
  }

  @Test
  void chartHasABarPerMedian() {
    List<Report.Median> m =
        Report.medians(
            List.of(
                run(SEED, "direct", 1, 1, 30),
                run(new Workload("tiny", 1000, 0), "dask", 2, 1, 2)));
    String svg = SvgChart.render(m, "t");
    assertThat(svg, containsString(">direct x1</text>"));
    assertThat(svg, containsString(">dask x2</text>"));
    assertThat(svg.split("<rect ").length - 2, is(2)); // background + 2 bars
  }
}
