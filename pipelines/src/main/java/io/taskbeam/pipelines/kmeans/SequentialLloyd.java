package io.taskbeam.pipelines.kmeans;

import org.ejml.data.DMatrixRMaj;

/** The reference: Lloyd's algorithm over all points in one loop, no tasks. */
public final class SequentialLloyd {
  private SequentialLloyd() {}

  /** Lloyd's iterations from {@code initial}, stopping as {@link KMeans#cluster} does. */
  public static KMeans.Result run(
      DMatrixRMaj points, DMatrixRMaj initial, double epsilon, int maxIterations) {
    DMatrixRMaj centroids = initial;
    int dims = initial.numCols;
    double shift = Double.POSITIVE_INFINITY;
    int iteration = 0;
    while (iteration < maxIterations && shift > epsilon) {
      DMatrixRMaj sums = new DMatrixRMaj(centroids.numRows, dims + 1);
      for (int p = 0; p < points.numRows; p++) {
        int best = KMeans.nearest(points.data, p * dims, centroids);
        for (int d = 0; d < dims; d++) {
          sums.add(best, d, points.get(p, d));
        }
        sums.add(best, dims, 1);
      }
      DMatrixRMaj next = KMeans.centroids(sums, centroids);
      shift = KMeans.shift(next, centroids);
      centroids = next;
      iteration++;
    }
    return new KMeans.Result(centroids, iteration, shift, points.numRows);
  }
}
