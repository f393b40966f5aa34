package io.taskbeam.pipelines.kmeans;

import io.taskbeam.Cli;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFailedException;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.BadInputException;
import io.taskbeam.pipelines.OptionChecks;
import io.taskbeam.pipelines.OutputFiles;
import io.taskbeam.pipelines.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The k-means program: {@code ./mvnw -q compile exec:java -Dapp=kmeans}. Clusters generated points
 * or a CSV file, prints each iteration, checks the centroids against a sequential Lloyd's run,
 * writes them as CSV.
 */
public final class KMeansMain {
  /** Largest centroid difference from the sequential run that still counts as the same. */
  static final double TOLERANCE = 1e-9;

  private KMeansMain() {}

  /** Runs the program; returns the exit code. Throws for bad input (see {@link Cli#run}). */
  public static int run(String[] args, PrintStream out) throws IOException {
    KMeansOptions o = Cli.parse(args, KMeansOptions.class);
    OptionChecks.positive("--k", o.getK());
    OptionChecks.positive("--fragments", o.getFragments());
    int maxIterations = o.getMaxIterations() == null ? 30 : o.getMaxIterations();
    OptionChecks.positive("--maxIterations", maxIterations);
    if (!(o.getEpsilon() >= 0)) {
      throw new IllegalArgumentException(
          "--epsilon must be zero or positive; got " + o.getEpsilon());
    }
    Path output =
        o.getOutput() == null
            ? null
            : OptionChecks.outputFile("--output", o.getOutput(), o.getOverwrite());
    Path input = o.getInput() == null ? null : OptionChecks.inputFile("--input", o.getInput());
    DMatrixRMaj initial;
    DMatrixRMaj blobs = null;
    if (input != null) {
      initial = CsvPoints.head(input, o.getK());
    } else {
      OptionChecks.positive("--dims", o.getDims());
      if (o.getPoints() < o.getK() || o.getPoints() < o.getFragments()) {
        throw new IllegalArgumentException(
            "--points must be at least --k and --fragments; got "
                + o.getPoints()
                + " points for k="
                + o.getK()
                + " and "
                + o.getFragments()
                + " fragments");
      }
      SplittableRandom random = new SplittableRandom(o.getSeed());
      blobs = uniform(o.getK(), o.getDims(), random);
      initial = uniform(o.getK(), o.getDims(), random);
    }
    long start = System.nanoTime();
    KMeans.Result result;
    SyncReport totals;
    try (TaskBeam tb = TaskBeam.start(o)) {
      out.printf(
          Locale.ROOT,
          "kmeans: %s in %d dimensions, k=%d, %d fragments%n",
          input == null ? o.getPoints() + " generated points" : "points from " + o.getInput(),
          initial.numCols,
          o.getK(),
          o.getFragments());
      out.println("runner: " + tb.target());
      List<TaskFuture<DMatrixRMaj>> fragments =
          input == null
              ? KMeans.generate(tb, o.getPoints(), o.getFragments(), blobs, o.getSeed())
              : parse(tb, input, o.getFragments(), initial.numCols);
      int[] reported = {tb.reports().size()};
      result =
          KMeans.cluster(
              tb,
              fragments,
              initial,
              o.getEpsilon(),
              maxIterations,
              (i, shift) -> {
                List<SyncReport> reports = tb.reports();
                if (reports.size() == reported[0]) { // --resume took every task of it
                  out.printf(
                      Locale.ROOT,
                      "iteration %d: centroids moved %.3g; resumed from the checkpoint%n",
                      i,
                      shift);
                  return;
                }
                reported[0] = reports.size();
                SyncReport r = reports.get(reports.size() - 1);
                out.printf(
                    Locale.ROOT,
                    "iteration %d: centroids moved %.3g; %d tasks, run %.3f s, "
                        + "driver sent %d bytes%n",
                    i,
                    shift,
                    r.tasks(),
                    r.runSeconds(),
                    r.driverBytes());
              });
      totals = SyncReport.total(tb.reports());
    } catch (TaskFailedException e) {
      throw BadInputException.reported(e);
    }
    long total = System.nanoTime() - start;
    out.printf(
        Locale.ROOT,
        "%d points %s after %d iterations (last move %.3g, epsilon %.3g)%n",
        result.points(),
        result.shift() <= o.getEpsilon() ? "converged" : "stopped",
        result.iterations(),
        result.shift(),
        o.getEpsilon());
    RunSummary.print(out, totals, total);
    if (o.getVerify()) {
      verify(o, maxIterations, input, blobs, initial, result, out);
    }
    if (output != null) {
      OutputFiles.write(
          output, w -> w.write(csv(result.centroids()).getBytes(StandardCharsets.US_ASCII)));
      out.println("wrote the centroids to " + o.getOutput());
    }
    return 0;
  }

  /** Fragments parsed by tasks, each from its byte range of the file. */
  static List<TaskFuture<DMatrixRMaj>> parse(TaskBeam tb, Path file, int fragments, int dims) {
    List<TaskFuture<DMatrixRMaj>> parts = new ArrayList<>();
    for (int f = 0; f < fragments; f++) {
      parts.add(tb.submit(CsvPoints::parseFragment, file.toString(), f, fragments, dims));
    }
    return parts;
  }

  private static void verify(
      KMeansOptions o,
      int maxIterations,
      Path input,
      DMatrixRMaj blobs,
      DMatrixRMaj initial,
      KMeans.Result result,
      PrintStream out)
      throws IOException {
    long refStart = System.nanoTime();
    DMatrixRMaj points =
        input != null
            ? CsvPoints.parseFragment(input.toString(), 0, 1, initial.numCols)
            : allPoints(o.getPoints(), o.getFragments(), blobs, o.getSeed());
    KMeans.Result reference = SequentialLloyd.run(points, initial, o.getEpsilon(), maxIterations);
    double diff = 0;
    for (int i = 0; i < initial.getNumElements(); i++) {
      diff = Math.max(diff, Math.abs(result.centroids().data[i] - reference.centroids().data[i]));
    }
    boolean ok = diff <= TOLERANCE && reference.points() == result.points();
    out.printf(
        Locale.ROOT,
        "verify: max |c - c_ref| = %.3g against a sequential Lloyd's run "
            + "from the same initial centroids (%d iterations, %.3f s): %s%n",
        diff,
        reference.iterations(),
        (System.nanoTime() - refStart) / 1e9,
        ok ? "OK" : "WRONG");
    if (!ok) {
      throw new IllegalStateException(
          "the centroids differ from the sequential run by "
              + diff
              + ", more than "
              + TOLERANCE
              + "; nothing was written");
    }
  }

  /** The generated points made again in the driver, by the same generator, for the reference. */
  static DMatrixRMaj allPoints(int points, int fragments, DMatrixRMaj blobs, long seed) {
    DMatrixRMaj all = new DMatrixRMaj(points, blobs.numCols);
    int row = 0;
    for (int f = 0; f < fragments; f++) {
      int size = (int) ((long) points * (f + 1) / fragments - (long) points * f / fragments);
      DMatrixRMaj part = KMeans.generateFragment(size, blobs, seed + 1 + f);
      CommonOps_DDRM.insert(part, all, row, 0);
      row += size;
    }
    return all;
  }

  private static DMatrixRMaj uniform(int rows, int cols, SplittableRandom random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextDouble();
    }
    return m;
  }

  static String csv(DMatrixRMaj centroids) {
    StringBuilder text = new StringBuilder();
    for (int d = 0; d < centroids.numCols; d++) {
      text.append(d == 0 ? "" : ",").append('x').append(d);
    }
    text.append('\n');
    for (int c = 0; c < centroids.numRows; c++) {
      for (int d = 0; d < centroids.numCols; d++) {
        text.append(d == 0 ? "" : ",").append(centroids.get(c, d));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
