package io.taskbeam.pipelines.kmeans;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Test bodies that take the runner's options, so the same checks run on the DirectRunner here and
 * on Flink in the conformance suite.
 */
public final class KMeansChecks {
  private KMeansChecks() {}

  static double maxDiff(DMatrixRMaj a, DMatrixRMaj b) {
    double d = 0;
    for (int i = 0; i < a.getNumElements(); i++) {
      d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
    }
    return d;
  }

  private static DMatrixRMaj random(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = r.nextDouble();
    }
    return m;
  }

  /** Five fragments of unequal size; the same centroids and iterations as sequential Lloyd. */
  public static void centroidsEqualSequentialLloyd(String... runnerArgs) {
    DMatrixRMaj blobs = random(3, 2, 1);
    DMatrixRMaj initial = random(3, 2, 2);
    KMeans.Result result;
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      List<TaskFuture<DMatrixRMaj>> fragments = KMeans.generate(tb, 3001, 5, blobs, 9);
      result = KMeans.cluster(tb, fragments, initial, 1e-9, 50, (i, s) -> {});
      if (!java.util.Arrays.asList(runnerArgs).contains("--pipelined=true")) {
        // with --pipelined the flusher may start the generating tasks in a job of their own
        assertThat("one sync point per iteration", tb.reports().size(), is(result.iterations()));
      }
    }
    KMeans.Result reference =
        SequentialLloyd.run(KMeansMain.allPoints(3001, 5, blobs, 9), initial, 1e-9, 50);
    assertThat(result.iterations(), is(reference.iterations()));
    assertThat(result.points(), is(3001L));
    assertThat(maxDiff(result.centroids(), reference.centroids()), lessThan(1e-12));
  }

  /**
   * Fragments made by tasks stay in the work directory: no sync point sends more than the
   * centroids, although the fragments hold megabytes. Put from the driver instead, the same
   * fragments are counted as sent, which shows the measure sees them.
   */
  public static void fragmentsAreNotSentFromTheDriverEachIteration(String... runnerArgs) {
    DMatrixRMaj blobs = random(4, 4, 3);
    DMatrixRMaj initial = random(4, 4, 4);
    long fragmentBytes = 4L * 20_000 * 4 * 8;
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      List<TaskFuture<DMatrixRMaj>> fragments = KMeans.generate(tb, 80_000, 4, blobs, 5);
      KMeans.Result result = KMeans.cluster(tb, fragments, initial, 0, 4, (i, s) -> {});
      assertThat(result.iterations(), is(4));
      for (SyncReport r : tb.reports()) {
        assertThat("sync " + r.sync(), r.driverBytes(), lessThan(1024L));
      }
    }
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      List<TaskFuture<DMatrixRMaj>> put = new ArrayList<>();
      DMatrixRMaj all = KMeansMain.allPoints(80_000, 4, blobs, 5);
      for (int f = 0; f < 4; f++) {
        put.add(
            tb.put(
                org.ejml.dense.row.CommonOps_DDRM.extract(
                    all, f * 20_000, (f + 1) * 20_000, 0, 4)));
      }
      KMeans.cluster(tb, put, initial, 0, 2, (i, s) -> {});
      assertThat(tb.reports().get(0).driverBytes(), greaterThanOrEqualTo(fragmentBytes));
      assertThat(tb.reports().get(1).driverBytes(), lessThan(1024L));
    }
  }

  /** A CSV written with a header, a blank line and CRLF ends, in 1 to 40 byte ranges. */
  public static Path writeCsv(Path dir, int points) throws Exception {
    SplittableRandom r = new SplittableRandom(17);
    StringBuilder text = new StringBuilder("x,y,z\r\n");
    for (int p = 0; p < points; p++) {
      double centre = p % 3;
      text.append(
          String.format(
              Locale.ROOT,
              "%.6f, %.6f,%.6f\r\n",
              centre + r.nextDouble(),
              r.nextDouble(),
              -centre + r.nextDouble() / 4));
      if (p == points / 2) {
        text.append("\r\n");
      }
    }
    Path file = dir.resolve("points.csv");
    Files.writeString(file, text);
    return file;
  }

  /** Every line is parsed by exactly one byte range, whatever the number of ranges. */
  public static void byteRangesCoverEveryPointOnce(Path dir) throws Exception {
    Path file = writeCsv(dir, 50);
    DMatrixRMaj whole = independentParse(file);
    assertThat(whole.numRows, is(50));
    for (int count = 1; count <= 40; count++) {
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        DMatrixRMaj part = CsvPoints.parseFragment(file.toString(), i, count, 3);
        for (double v : part.data) {
          values.add(v);
        }
      }
      assertThat(count + " ranges", values.size(), is(150));
      for (int i = 0; i < 150; i++) {
        assertThat(values.get(i), is(whole.data[i]));
      }
    }
  }

  /** The test's own CSV reading: whole lines, no byte ranges. */
  static DMatrixRMaj independentParse(Path file) throws Exception {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
      if (!line.isBlank()) {
        String[] f = line.split(",");
        rows.add(
            new double[] {
              Double.parseDouble(f[0].trim()),
              Double.parseDouble(f[1].trim()),
              Double.parseDouble(f[2].trim())
            });
      }
    }
    return new DMatrixRMaj(rows.toArray(new double[0][]));
  }

  /** The program on a CSV: parsed by tasks, checked, centroids written as CSV. */
  public static void programClustersACsvFile(Path dir, String... runnerArgs) throws Exception {
    Path file = writeCsv(dir, 600);
    Path output = dir.resolve("centroids.csv");
    String out =
        ProgramRuns.run(
            KMeansMain::run,
            ProgramRuns.with(
                runnerArgs, "--input=" + file, "--k=3", "--fragments=7", "--output=" + output));
    assertThat(
        out,
        containsString(
            "kmeans: points from " + file + " in 3 dimensions, k=3, " + "7 fragments\n"));
    assertThat(out, containsString("600 points converged after "));
    assertThat(out, containsString("from the same initial centroids"));
    assertThat(out, containsString(": OK\n"));
    DMatrixRMaj points = independentParse(file);
    DMatrixRMaj initial = new DMatrixRMaj(3, 3);
    System.arraycopy(points.data, 0, initial.data, 0, 9);
    KMeans.Result reference = SequentialLloyd.run(points, initial, 1e-6, 30);
    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0), equalTo("x0,x1,x2"));
    assertThat(lines.size(), is(4));
    DMatrixRMaj written = new DMatrixRMaj(3, 3);
    for (int c = 0; c < 3; c++) {
      String[] f = lines.get(c + 1).split(",");
      for (int d = 0; d < 3; d++) {
        written.set(c, d, Double.parseDouble(f[d]));
      }
    }
    assertThat(maxDiff(written, reference.centroids()), lessThan(1e-9));
    assertThat(reference.iterations(), greaterThan(1));
  }

  /** Bad files and options: one line naming the file and line; nothing written. */
  public static void badInputIsOneLine(Path dir, String... runnerArgs) throws Exception {
    Path file = writeCsv(dir, 400);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(300, "1.0,abc,2.0");
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, lines);
    lines.set(300, "1.0,2.0");
    Path short2 = dir.resolve("short.csv");
    Files.write(short2, lines);
    String out = "--output=" + dir.resolve("c.csv");
    assertThat(
        fail(runnerArgs, "--input=" + bad, "--k=3", out),
        equalTo(
            "kmeans: error: points "
                + "file "
                + bad
                + " line 301: 'abc' is not a decimal number (such as 1, -2.5 or 3e-7)"));
    assertThat(
        fail(runnerArgs, "--input=" + short2, "--k=3", out),
        equalTo(
            "kmeans: error: "
                + "points file "
                + short2
                + " line 301: 2 coordinate(s), but the first point has 3"));
    Files.writeString(dir.resolve("two.csv"), "1,2\n3,4\n");
    assertThat(
        fail(runnerArgs, "--input=" + dir.resolve("two.csv"), "--k=3", out),
        equalTo(
            "kmeans: error: points file "
                + dir.resolve("two.csv")
                + " has 2 point(s); k-means "
                + "with --k=3 needs at least 3"));
    assertThat(
        fail(runnerArgs, "--input=" + dir.resolve("none.csv"), out),
        equalTo("kmeans: " + "error: --input: " + dir.resolve("none.csv") + " does not exist"));
    assertThat(
        fail(runnerArgs, "--k=0", out),
        equalTo("kmeans: error: --k must be a positive " + "integer; got 0"));
    assertThat(
        fail(runnerArgs, "--points=5", "--k=8", out),
        equalTo(
            "kmeans: error: --points "
                + "must be at least --k and --fragments; got 5 points for k=8 and 8 fragments"));
    assertThat(
        fail(runnerArgs, "--epsilon=-1", out),
        equalTo("kmeans: error: --epsilon must be " + "zero or positive; got -1.0"));
    assertThat(Files.exists(dir.resolve("c.csv")), is(false));
  }

  private static String fail(String[] runnerArgs, String... args) {
    return ProgramRuns.fail("kmeans", KMeansMain::run, ProgramRuns.with(runnerArgs, args));
  }
}
