package io.taskbeam.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The data of the kmeans workload, the same for every configuration: {@code points} points in
 * {@value #DIMS} dimensions around {@value #K} random centres (Gaussian, deviation 0.05), the
 * initial centroids, and the centroids a sequential Lloyd's run reaches after {@value
 * Workload#KMEANS_ITERATIONS} iterations (the check). Made from a fixed seed in Java; the Dask peer
 * reads the same numbers from the files {@link #write} leaves (little-endian doubles, row-major,
 * and {@code meta.txt}).
 */
public record KMeansData(DMatrixRMaj points, DMatrixRMaj initial) {
  public static final int DIMS = 10;
  public static final int K = 10;

  /** Fragments of the points: tasks per iteration, for both taskbeam and Dask. */
  public static final int FRAGMENTS = 8;

  /** Largest centroid difference accepted against the sequential reference. */
  public static final double TOLERANCE = 1e-9;

  public static KMeansData of(int points) {
    SplittableRandom random = new SplittableRandom(20_261_130L + points);
    DMatrixRMaj centres = uniform(K, random);
    DMatrixRMaj initial = uniform(K, random);
    DMatrixRMaj all = new DMatrixRMaj(points, DIMS);
    for (int p = 0; p < points; p++) {
      int c = random.nextInt(K);
      for (int d = 0; d < DIMS; d++) {
        double u = 1 - random.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        all.unsafe_set(p, d, centres.unsafe_get(c, d) + 0.05 * g);
      }
    }
    return new KMeansData(all, initial);
  }

  private static DMatrixRMaj uniform(int rows, SplittableRandom random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, DIMS);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextDouble();
    }
    return m;
  }

  /** The points in {@link #FRAGMENTS} consecutive row blocks. */
  public List<DMatrixRMaj> fragments() {
    List<DMatrixRMaj> parts = new ArrayList<>();
    int n = points.numRows;
    for (int f = 0; f < FRAGMENTS; f++) {
      int from = (int) ((long) n * f / FRAGMENTS);
      int to = (int) ((long) n * (f + 1) / FRAGMENTS);
      parts.add(CommonOps_DDRM.extract(points, from, to, 0, DIMS));
    }
    return parts;
  }

  /** Throws unless {@code centroids} match {@code expected} within {@link #TOLERANCE}. */
  public static void check(DMatrixRMaj expected, DMatrixRMaj centroids, String what) {
    double diff = 0;
    for (int i = 0; i < expected.data.length; i++) {
      diff = Math.max(diff, Math.abs(expected.data[i] - centroids.data[i]));
    }
    if (!(diff <= TOLERANCE)) {
      throw new IllegalStateException(
          what
              + ": centroids differ from the sequential Lloyd's "
              + "run by "
              + diff
              + " (more than "
              + TOLERANCE
              + ")");
    }
  }

  /**
   * Writes {@code points.f64}, {@code initial.f64}, {@code expected.f64} (the reference centroids)
   * and {@code meta.txt} ({@code points dims k iterations fragments}) into {@code dir}.
   */
  public void write(Path dir, DMatrixRMaj expected) {
    try {
      Files.createDirectories(dir);
      writeDoubles(dir.resolve("points.f64"), points);
      writeDoubles(dir.resolve("initial.f64"), initial);
      writeDoubles(dir.resolve("expected.f64"), expected);
      Files.writeString(
          dir.resolve("meta.txt"),
          String.format(
              Locale.ROOT,
              "%d %d %d %d %d%n",
              points.numRows,
              DIMS,
              K,
              Workload.KMEANS_ITERATIONS,
              FRAGMENTS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kmeans data to " + dir, e);
    }
  }

  private static void writeDoubles(Path file, DMatrixRMaj m) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(m.getNumElements() * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(m.data, 0, m.getNumElements());
    Files.write(file, bytes.array());
  }
}
