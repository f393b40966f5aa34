package io.taskbeam.pipelines.kmeans;

import static io.taskbeam.Direction.COMMUTATIVE;

import io.taskbeam.Param;
import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The k-means tasks and the iteration loop. Points are the rows of a {@link DMatrixRMaj} fragment;
 * partial sums are a k x (dims + 1) matrix: per cluster the sum of its points, then their count.
 */
public final class KMeans {
  private KMeans() {}

  /** {@code points} points around the rows of {@code blobs}, Gaussian with deviation 0.1. */
  @Task
  static DMatrixRMaj generateFragment(int points, DMatrixRMaj blobs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DMatrixRMaj fragment = new DMatrixRMaj(points, blobs.numCols);
    for (int p = 0; p < points; p++) {
      int blob = random.nextInt(blobs.numRows);
      for (int d = 0; d < blobs.numCols; d++) {
        fragment.unsafe_set(p, d, blobs.unsafe_get(blob, d) + 0.1 * gaussian(random));
      }
    }
    return fragment;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  @Task
  static DMatrixRMaj partialSum(DMatrixRMaj fragment, DMatrixRMaj centroids) {
    int dims = centroids.numCols;
    DMatrixRMaj sums = new DMatrixRMaj(centroids.numRows, dims + 1);
    for (int p = 0; p < fragment.numRows; p++) {
      int best = nearest(fragment.data, p * dims, centroids);
      for (int d = 0; d < dims; d++) {
        sums.data[best * (dims + 1) + d] += fragment.data[p * dims + d];
      }
      sums.data[best * (dims + 1) + dims] += 1;
    }
    return sums;
  }

  @Task
  static void merge(@Param(COMMUTATIVE) DMatrixRMaj total, DMatrixRMaj partial) {
    CommonOps_DDRM.addEquals(total, partial);
  }

  /** The centroid nearest to the point at {@code data[at..at+dims)}; the first on ties. */
  static int nearest(double[] data, int at, DMatrixRMaj centroids) {
    int dims = centroids.numCols;
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.numRows; c++) {
      double distance = 0;
      for (int d = 0; d < dims; d++) {
        double diff = data[at + d] - centroids.data[c * dims + d];
        distance += diff * diff;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    return best;
  }

  /** New centroids from merged sums; a cluster that lost all its points keeps its centroid. */
  static DMatrixRMaj centroids(DMatrixRMaj sums, DMatrixRMaj previous) {
    int dims = previous.numCols;
    DMatrixRMaj next = previous.copy();
    for (int c = 0; c < previous.numRows; c++) {
      double count = sums.get(c, dims);
      for (int d = 0; count > 0 && d < dims; d++) {
        next.set(c, d, sums.get(c, d) / count);
      }
    }
    return next;
  }

  /** The largest distance a centroid moved. */
  static double shift(DMatrixRMaj a, DMatrixRMaj b) {
    double max = 0;
    for (int c = 0; c < a.numRows; c++) {
      double s = 0;
      for (int d = 0; d < a.numCols; d++) {
        s += (a.get(c, d) - b.get(c, d)) * (a.get(c, d) - b.get(c, d));
      }
      max = Math.max(max, Math.sqrt(s));
    }
    return max;
  }

  /** The outcome of a run: final centroids, the iterations it took, the points clustered. */
  public record Result(DMatrixRMaj centroids, int iterations, double shift, long points) {}

  /** Told about each iteration as it ends. */
  public interface Progress {
    void iteration(int number, double shift);
  }

  /**
   * Lloyd's iterations over the fragments from {@code initial} until no centroid moves more than
   * {@code epsilon}, at most {@code maxIterations} times; one sync point per iteration.
   */
  public static Result cluster(
      TaskBeam tb,
      List<TaskFuture<DMatrixRMaj>> fragments,
      DMatrixRMaj initial,
      double epsilon,
      int maxIterations,
      Progress progress) {
    DMatrixRMaj centroids = initial;
    DMatrixRMaj sums = null;
    double shift = Double.POSITIVE_INFINITY;
    int iteration = 0;
    while (iteration < maxIterations && shift > epsilon) {
      TaskFuture<DMatrixRMaj> total =
          tb.put(new DMatrixRMaj(centroids.numRows, centroids.numCols + 1));
      for (TaskFuture<DMatrixRMaj> fragment : fragments) {
        tb.submit(KMeans::merge, total, tb.submit(KMeans::partialSum, fragment, centroids));
      }
      sums = tb.waitOn(total);
      DMatrixRMaj next = centroids(sums, centroids);
      shift = shift(next, centroids);
      centroids = next;
      progress.iteration(++iteration, shift);
    }
    return new Result(centroids, iteration, shift, sums == null ? 0 : count(sums));
  }

  private static long count(DMatrixRMaj sums) {
    long n = 0;
    for (int c = 0; c < sums.numRows; c++) {
      n += (long) sums.get(c, sums.numCols - 1);
    }
    return n;
  }

  /** Fragments made by tasks: {@code fragments} of {@code points} points in all. */
  public static List<TaskFuture<DMatrixRMaj>> generate(
      TaskBeam tb, int points, int fragments, DMatrixRMaj blobs, long seed) {
    List<TaskFuture<DMatrixRMaj>> parts = new ArrayList<>();
    for (int f = 0; f < fragments; f++) {
      int size = (int) ((long) points * (f + 1) / fragments - (long) points * f / fragments);
      parts.add(tb.submit(KMeans::generateFragment, size, blobs, seed + 1 + f));
    }
    return parts;
  }
}
