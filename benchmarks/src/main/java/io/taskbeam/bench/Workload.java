package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured problem: {@code seed1000} (the COMPSs blocked product, 10 x 10 x 10 = 1000
 * multiply-accumulate tasks), {@code matmul} (a blocked product of two n x n matrices), {@code
 * tiny} ({@code size} tasks that do almost nothing), {@code sync} ({@code size} sync points of one
 * trivial task each; a run's time is the median round trip) or {@code kmeans} ( {@value
 * #KMEANS_ITERATIONS} Lloyd iterations with one sync point each over {@code size} points, see
 * {@link KMeansData}), {@code first-sync} (a fresh JVM's first sync point of one trivial task,
 * timed from the JVM's start; {@code size} 1) or {@code session} ({@code size} tiny tasks in
 * {@value #SESSION_SYNCS} sync points of one session with every future dropped; the row also
 * carries the driver's retained heap), {@code overlap} ({@code size} rounds of driver input and two
 * tasks, see {@link Overlap}) or {@code first-task} (the median time from submit to a task's start
 * over {@code size} tasks), {@code dashboard-off} and {@code dashboard-auto} (the session shape
 * with the live dashboard off and on: the two medians give the dashboard's cost, issue 25's "<= 3%
 * of wall time", and its retained heap), {@code seed-dashboard-off} and {@code seed-dashboard-auto}
 * (the seed shape with the dashboard off and on; the runs of each pair alternate in one JVM),
 * {@code kmeans-fresh} and {@code kmeans-resumed} (k-means in a fresh JVM, whole; and resumed in a
 * fresh JVM after a JVM that ran it was halted at 90%: the two medians give issue 24's "resume of a
 * run killed at 90% <= 15% of the full run", see {@link ResumeProgram}; {@code blockSize} is their
 * iteration count, 0 for {@value #KMEANS_ITERATIONS}: a longer run shows what a resume saves once
 * the fresh JVM's start is a small share). {@code blockSize} is 0 for all but the products and the
 * resume pair.
 */
public record Workload(String name, int size, int blockSize) {
  public static final String SEED = "seed1000";
  public static final String MATMUL = "matmul";
  public static final String TINY = "tiny";
  public static final String SYNC = "sync";
  public static final String KMEANS = "kmeans";
  public static final String FIRST_SYNC = "first-sync";
  public static final String SESSION = "session";
  public static final String OVERLAP = "overlap";
  public static final String FIRST_TASK = "first-task";
  public static final String DASHBOARD_OFF = "dashboard-off";
  public static final String DASHBOARD_AUTO = "dashboard-auto";
  public static final String SEED_DASHBOARD_OFF = "seed-dashboard-off";
  public static final String SEED_DASHBOARD_AUTO = "seed-dashboard-auto";
  public static final String KMEANS_FRESH = "kmeans-fresh";
  public static final String KMEANS_RESUMED = "kmeans-resumed";

  /** Sync points of the session workload (each of {@code size / SESSION_SYNCS} tasks). */
  public static final int SESSION_SYNCS = 10;

  /** Every workload's name, in the order of the tables. */
  public static final List<String> NAMES =
      List.of(
          SEED,
          MATMUL,
          TINY,
          SYNC,
          KMEANS,
          FIRST_SYNC,
          SESSION,
          OVERLAP,
          FIRST_TASK,
          DASHBOARD_OFF,
          DASHBOARD_AUTO,
          SEED_DASHBOARD_OFF,
          SEED_DASHBOARD_AUTO,
          KMEANS_FRESH,
          KMEANS_RESUMED);

  /** Iterations of the kmeans workload, one sync point each. */
  public static final int KMEANS_ITERATIONS = 20;

  /** Blocks per side of the seed shape. */
  public static final int SEED_GRID = 10;

  public Workload {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "unknown workload '" + name + "': use one of " + String.join(", ", NAMES));
    }
    if (size < 1 || (isMatrix(name) && blockSize < 1)) {
      throw new IllegalArgumentException(
          "workload "
              + name
              + " needs a positive size and block "
              + "size; got "
              + size
              + " and "
              + blockSize);
    }
  }

  /**
   * The full suite. seed1000: blocks of 768 make 1 worker take tens of seconds with OpenBLAS;
   * matmul: blocks of 1024 (512 for n=2048) keep every dgemm near peak speed.
   */
  public static List<Workload> full() {
    return List.of(
        new Workload(FIRST_SYNC, 1, 0), // first: on a fresh cluster its first run is the cold one
        new Workload(SEED, SEED_GRID * 768, 768),
        new Workload(MATMUL, 2048, 512),
        new Workload(MATMUL, 4096, 1024),
        new Workload(MATMUL, 8192, 1024),
        new Workload(TINY, 1_000, 0),
        new Workload(TINY, 10_000, 0),
        new Workload(TINY, 100_000, 0),
        new Workload(SYNC, 50, 0),
        new Workload(KMEANS, 2_000_000, 0),
        new Workload(SESSION, 1_000_000, 0),
        new Workload(DASHBOARD_OFF, 1_000_000, 0),
        new Workload(DASHBOARD_AUTO, 1_000_000, 0),
        new Workload(SEED_DASHBOARD_OFF, SEED_GRID * 768, 768),
        new Workload(SEED_DASHBOARD_AUTO, SEED_GRID * 768, 768),
        new Workload(KMEANS_FRESH, 2_000_000, 0),
        new Workload(KMEANS_RESUMED, 2_000_000, 0));
  }

  /** {@code --quick}: the smallest size of each workload (the seed shape on 32 x 32 blocks). */
  public static List<Workload> quick() {
    return List.of(
        new Workload(FIRST_SYNC, 1, 0),
        new Workload(SEED, SEED_GRID * 32, 32),
        new Workload(MATMUL, 2048, 512),
        new Workload(TINY, 1_000, 0),
        new Workload(SYNC, 10, 0),
        new Workload(KMEANS, 20_000, 0),
        new Workload(SESSION, 10_000, 0));
  }

  /** A small instance of the same kind, run once before measuring to warm the JIT and runner. */
  public Workload warmUp() {
    return switch (name) {
      case TINY -> new Workload(TINY, 1_000, 0);
      case SYNC -> new Workload(SYNC, 5, 0);
      case KMEANS -> new Workload(KMEANS, 4_000, 0);
      // page cache, jars; few iterations: 20 over 4,000 points reached k-means' fixed point
      case KMEANS_FRESH, KMEANS_RESUMED -> new Workload(name, 20_000, 4);
      case FIRST_SYNC -> this; // each run is a fresh JVM: nothing to warm
      case SESSION, DASHBOARD_OFF, DASHBOARD_AUTO -> new Workload(TINY, 1_000, 0);
      case OVERLAP, FIRST_TASK -> new Workload(FIRST_TASK, 3, 0);
      default -> new Workload(MATMUL, 512, 128);
    };
  }

  public boolean isMatrix() {
    return isMatrix(name);
  }

  /** Whether the workload is one long session of tiny tasks ({@link SessionRun}). */
  public boolean isSession() {
    return name.equals(SESSION) || name.equals(DASHBOARD_OFF) || name.equals(DASHBOARD_AUTO);
  }

  /**
   * The {@code --dashboard} option the workload runs with, or null for the session's default (which
   * is {@code auto}).
   */
  public String dashboardOption() {
    return switch (name) {
      case DASHBOARD_OFF, SEED_DASHBOARD_OFF -> "--dashboard=off";
      case DASHBOARD_AUTO, SEED_DASHBOARD_AUTO -> "--dashboard=auto";
      default -> null;
    };
  }

  /** The resume pair's k-means iterations: {@code blockSize}, or {@value #KMEANS_ITERATIONS}. */
  public int resumeIterations() {
    return blockSize > 0 ? blockSize : KMEANS_ITERATIONS;
  }

  /**
   * Whether the workload is one of a pair run with the dashboard off and on, whose runs alternate
   * in one JVM (the session pair, the seed pair).
   */
  public boolean isDashboardPair() {
    return dashboardOption() != null;
  }

  /** Whether the workload is one of the resume pair (fresh JVMs, {@link ResumeProgram}). */
  public boolean isResume() {
    return name.equals(KMEANS_FRESH) || name.equals(KMEANS_RESUMED);
  }

  private static boolean isMatrix(String name) {
    return name.equals(SEED)
        || name.equals(MATMUL)
        || name.equals(SEED_DASHBOARD_OFF)
        || name.equals(SEED_DASHBOARD_AUTO);
  }

  /**
   * Tasks per measured time: (n / block)^3 block products; size tiny tasks; 1 for sync (a row's
   * time is one round trip, so tasks/s is sync points per second); for kmeans the partial sums,
   * iterations x fragments (the merges differ between taskbeam and Dask); 1 for first-sync; size
   * for session and the dashboard pair.
   */
  public long tasks() {
    if (name.equals(SYNC) || name.equals(FIRST_SYNC) || name.equals(FIRST_TASK)) {
      return 1;
    }
    if (name.equals(OVERLAP)) {
      return 2L * size;
    }
    if (name.equals(KMEANS)) {
      return (long) KMEANS_ITERATIONS * KMeansData.FRAGMENTS;
    }
    if (isResume()) {
      return (long) resumeIterations() * KMeansData.FRAGMENTS;
    }
    if (!isMatrix()) {
      return size;
    }
    long grid = (size + blockSize - 1) / blockSize;
    return grid * grid * grid;
  }

  /** Floating-point operations of the product (2 n^3), 0 for tiny tasks. */
  public double flops() {
    return isMatrix() ? 2.0 * size * size * size : 0;
  }

  /** {@code name:size:blockSize}, as passed to a child JVM. */
  public String spec() {
    return name + ":" + size + ":" + blockSize;
  }

  public static Workload parse(String spec) {
    String[] parts = spec.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("workload spec '" + spec + "' is not name:size:block");
    }
    return new Workload(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  public static List<Workload> parseAll(String specs) {
    List<Workload> out = new ArrayList<>();
    for (String s : specs.split(",")) {
      if (!s.isBlank()) {
        out.add(parse(s.trim()));
      }
    }
    return out;
  }
}
