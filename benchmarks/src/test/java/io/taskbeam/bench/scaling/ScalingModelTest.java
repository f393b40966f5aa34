package io.taskbeam.bench.scaling;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model fitted to synthetic runs made from known constants must give those constants back. */
class ScalingModelTest {
  private static final ScalingModel.Constants TRUE =
      new ScalingModel.Constants(0.8, 0.0012, 9e-9, 0.6, 0.35, 0.021, 0.0004, 2.5e-9);

  /** Workload shapes: tasks, chains, syncs, driver bytes, worker bytes at W=1 and per worker. */
  private static final double[][] SHAPES = {
    {1000, 100, 1, 105e6, 160e6, 50e6},
    {125, 25, 1, 105e6, 120e6, 50e6},
    {80, 8, 5, 16e6, 20e6, 2e6},
  };

  /** Runs of every shape on 1, 2, 4, 6, 8 workers of a 2-core host, exactly as the model says. */
  private static List<Point> synthetic(ScalingModel.Constants k, double noise, long seed) {
    Random random = new Random(seed);
    List<Point> points = new ArrayList<>();
    for (double[] s : SHAPES) {
      for (int w : new int[] {1, 2, 4, 6, 8}) {
        int tasks = (int) s[0];
        int syncs = (int) s[2];
        double workerBytes = s[4] + s[5] * w;
        double compute = tasks * 0.003; // CPU seconds of the task functions
        double stretch = Math.max(1.0, w / 2.0); // W TaskManagers time-sliced on 2 cores
        double taskSeconds = compute * stretch;
        double serial = k.serialFixed() + k.serialPerTask() * tasks + k.serialPerByte() * s[3];
        double coord = k.coordPerRun() + syncs * (k.coordPerSync() + k.coordPerWorkerSync() * w);
        Point shapeOnly =
            new Point("x", 1, 1, w, 2, 1, tasks, (int) s[1], syncs, 0, 0, 0, 0, 0, 0, 0, "none");
        double window =
            shapeOnly.share()
                * (taskSeconds + stretch * (k.perTask() * tasks + k.perByte() * workerBytes));
        double e1 = 1 + noise * random.nextGaussian();
        double e2 = 1 + noise * random.nextGaussian();
        double e3 = 1 + noise * random.nextGaussian();
        points.add(
            new Point(
                "shape" + tasks,
                1,
                1,
                w,
                2,
                1,
                tasks,
                (int) s[1],
                syncs,
                serial * e1 + coord * e2 + window * e3,
                serial * e1,
                coord * e2,
                window * e3,
                taskSeconds,
                s[3],
                workerBytes,
                "none"));
      }
    }
    return points;
  }

  @Test
  void exactRunsGiveTheConstantsBack() {
    ScalingModel m = ScalingModel.fit(synthetic(TRUE, 0, 1));
    ScalingModel.Constants c = m.constants();
    assertThat(c.serialFixed(), closeTo(TRUE.serialFixed(), 1e-6 * TRUE.serialFixed()));
    assertThat(c.serialPerTask(), closeTo(TRUE.serialPerTask(), 1e-6 * TRUE.serialPerTask()));
    assertThat(c.serialPerByte(), closeTo(TRUE.serialPerByte(), 1e-6 * TRUE.serialPerByte()));
    assertThat(c.coordPerRun(), closeTo(TRUE.coordPerRun(), 1e-6 * TRUE.coordPerRun()));
    assertThat(c.coordPerSync(), closeTo(TRUE.coordPerSync(), 1e-6 * TRUE.coordPerSync()));
    assertThat(
        c.coordPerWorkerSync(),
        closeTo(TRUE.coordPerWorkerSync(), 1e-6 * TRUE.coordPerWorkerSync()));
    assertThat(c.perTask(), closeTo(TRUE.perTask(), 1e-6 * TRUE.perTask()));
    assertThat(c.perByte(), closeTo(TRUE.perByte(), 1e-6 * TRUE.perByte()));
    for (Point p : synthetic(TRUE, 0, 1)) {
      assertThat(p.key(), m.hostSeconds(p), closeTo(p.wall(), 1e-6));
    }
  }

  @Test
  void noisyRunsGiveTheConstantsBackWithinTheirErrors() {
    ScalingModel m = ScalingModel.fit(synthetic(TRUE, 0.01, 7));
    ScalingModel.Constants c = m.constants();
    ScalingModel.Constants se = m.standardErrors();
    assertThat(c.serialFixed(), closeTo(TRUE.serialFixed(), 4 * se.serialFixed() + 1e-12));
    assertThat(c.serialPerTask(), closeTo(TRUE.serialPerTask(), 4 * se.serialPerTask() + 1e-15));
    assertThat(c.coordPerSync(), closeTo(TRUE.coordPerSync(), 4 * se.coordPerSync() + 1e-12));
    assertThat(
        c.coordPerWorkerSync(),
        closeTo(TRUE.coordPerWorkerSync(), 4 * se.coordPerWorkerSync() + 1e-14));
    assertThat(c.perTask(), closeTo(TRUE.perTask(), 4 * se.perTask() + 1e-15));
    // 1% noise: the constants that carry most of the time come back within 10%
    assertThat(c.serialFixed(), closeTo(TRUE.serialFixed(), 0.1 * TRUE.serialFixed()));
    assertThat(c.coordPerSync(), closeTo(TRUE.coordPerSync(), 0.1 * TRUE.coordPerSync()));
    assertThat(se.coordPerSync(), greaterThan(0.0));
  }

  @Test
  void aNegativeCoefficientIsDroppedAndTheRestRefitted() {
    // y = 2 + 3 x exactly; the third column is noise that a plain fit would weigh negatively
    List<double[]> rows = new ArrayList<>();
    double[] y = new double[6];
    double[] z = {0.1, -0.3, 0.2, 0.5, -0.1, 0.4};
    for (int i = 0; i < 6; i++) {
      rows.add(new double[] {1, i, z[i]});
      y[i] = 2 + 3 * i - 0.5 * z[i];
    }
    LeastSquares.Fit f = LeastSquares.fit(rows, y);
    assertThat(f.coefficients()[2], is(0.0));
    assertThat(f.standardErrors()[2], is(0.0));
    assertThat(f.coefficients()[1], closeTo(3, 0.2));
    assertThat(f.rss(), greaterThan(0.0));
  }

  @Test
  void dependentColumnsAreRefusedWithAMessage() {
    List<double[]> rows = List.of(new double[] {1, 2}, new double[] {2, 4}, new double[] {3, 6});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LeastSquares.fit(rows, new double[] {1, 2, 3}));
    assertThat(e.getMessage(), containsString("linearly dependent"));
  }

  @Test
  void chainsLimitTheUsefulWorkers() {
    assertThat(ScalingModel.chainShare(100, 64), closeTo(0.02, 1e-12));
    assertThat(ScalingModel.chainShare(100, 256), closeTo(0.01, 1e-12));
    ScalingModel m = new ScalingModel(TRUE, TRUE, java.util.Map.of());
    ScalingModel.Node node = new ScalingModel.Node("test", 50, 1.25e9);
    ScalingModel.Shape shape = new ScalingModel.Shape("s", 1000, 100, 1, 0, 100, 0, 0);
    // past 100 workers nothing gets faster but coordination grows
    assertThat(m.predict(shape, node, 256), greaterThan(m.predict(shape, node, 100)));
    assertThat(m.efficiency(shape, node, 64), lessThan(1.0));
    // per-worker set-up done side by side: cheaper at 64 workers, the same on 1
    assertThat(m.predictParallelSetUp(shape, node, 64), lessThan(m.predict(shape, node, 64)));
    assertThat(m.predictParallelSetUp(shape, node, 1), closeTo(m.predict(shape, node, 1), 1e-12));
    double[] band = m.band(shape, node, 64, 0.1);
    assertThat(band[0], lessThan(m.predict(shape, node, 64)));
    assertThat(band[1], greaterThan(m.predict(shape, node, 64)));
  }

  @Test
  void aPointSurvivesItsCsvLine() {
    Point p = synthetic(TRUE, 0, 1).get(3);
    Point back = Point.parse(p.csv());
    assertThat(back.key(), is(p.key()));
    assertThat(back.wall(), closeTo(p.wall(), 1e-4));
    assertThat(back.workerBytes(), closeTo(p.workerBytes(), 1));
    assertThrows(IllegalArgumentException.class, () -> Point.parse("seed,1,2"));
  }
}
