package io.taskbeam.bench;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import io.taskbeam.pipelines.kmeans.KMeans;
import io.taskbeam.pipelines.kmeans.SequentialLloyd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The body of the resume workloads, in JVMs of their own ({@link #seconds}): k-means over {@code
 * size} points ({@link KMeansData}) for a given number of iterations ({@value
 * Workload#KMEANS_ITERATIONS} by default), checkpoints on by default. {@code full} runs every
 * iteration and prints {@code RESUME,<seconds>}, the time from the session's start to the centroids
 * (capture, jobs, and for a resumed run the journal's reading); {@code crash} halts its JVM right
 * after the iteration 90% of the way returned ({@link #killedAfter}; no close: what a SIGKILL
 * leaves), so its journal names 90% of the tasks; {@code resume} is {@code full} with {@code
 * --resume=last}. The centroids are checked against a sequential run.
 */
public final class ResumeProgram {
  static final String PREFIX = "RESUME,";

  /** The iteration after which the crash run of {@code iterations} halts: 90% of the run. */
  static int killedAfter(int iterations) {
    return iterations * 9 / 10;
  }

  /** The crash run's exit code (as a JVM killed by SIGKILL reports it). */
  static final int HALTED = 137;

  private ResumeProgram() {}

  /** Runs {@code mode} of the body in a fresh JVM; its seconds (NaN for {@code crash}). */
  static double seconds(String mode, int points, int iterations, String[] runnerArgs, String what) {
    List<String> args =
        new ArrayList<>(List.of(mode, Integer.toString(points), Integer.toString(iterations)));
    args.addAll(Arrays.asList(runnerArgs));
    return ChildJvm.figure(
        ResumeProgram.class, PREFIX, args, mode.equals("crash") ? HALTED : 0, what + " " + mode);
  }

  /**
   * Refuses a run that did not run the tasks its mode stands for: every iteration's (two per
   * fragment) for {@code full}, the last 10% for {@code resume}. A k-means that reached its fixed
   * point runs the same tasks again, which a resumed run takes from the journal (identities are by
   * content): its time would say nothing of a resume.
   */
  static void checkRan(int ran, String mode, int iterations) {
    int left = mode.equals("resume") ? iterations - killedAfter(iterations) : iterations;
    int expected = 2 * KMeansData.FRAGMENTS * left;
    if (ran != expected) {
      throw new IllegalStateException(
          "the "
              + mode
              + " run of "
              + iterations
              + " iterations ran "
              + ran
              + " tasks, not the "
              + expected
              + " of its last "
              + left
              + " iterations: k-means reached its fixed point before, and a resumed run takes"
              + " those tasks from the journal (same content, same identity); use fewer"
              + " iterations for this many points");
    }
  }

  public static void main(String[] args) {
    String mode = args[0];
    if (!List.of("full", "crash", "resume").contains(mode)) {
      throw new IllegalArgumentException("mode " + mode + ": use full, crash or resume");
    }
    KMeansData data = KMeansData.of(Integer.parseInt(args[1]));
    int iterations = Integer.parseInt(args[2]);
    List<String> options = new ArrayList<>(Arrays.asList(args).subList(3, args.length));
    if (mode.equals("resume")) {
      options.add("--resume=last");
    }
    KMeans.Progress progress =
        (iteration, shift) -> {
          if (mode.equals("crash") && iteration == killedAfter(iterations)) {
            Runtime.getRuntime().halt(HALTED);
          }
        };
    long start = System.nanoTime();
    KMeans.Result result;
    try (TaskBeam tb = TaskBeam.start(options.toArray(new String[0]))) {
      List<TaskFuture<DMatrixRMaj>> fragments = new ArrayList<>();
      for (DMatrixRMaj f : data.fragments()) {
        fragments.add(tb.put(f));
      }
      result = KMeans.cluster(tb, fragments, data.initial(), -1, iterations, progress);
      checkRan(SyncReport.total(tb.reports()).tasks(), mode, iterations);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    DMatrixRMaj expected =
        SequentialLloyd.run(data.points(), data.initial(), -1, iterations).centroids();
    KMeansData.check(expected, result.centroids(), "resume workload (" + mode + ")");
    System.out.println(PREFIX + String.format(Locale.ROOT, "%.4f", seconds));
    System.exit(0); // Flink and Beam may leave non-daemon threads
  }
}
