package io.taskbeam.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured run of the scaling harness, as {@link ScalingProbe} writes it (one CSV line): the
 * workload and its shape, the cluster it ran on, and where its wall time went.
 *
 * @param workload {@code seed}, {@code kmeans}
 * @param size matrix order, or number of points
 * @param block block order, or k-means iterations
 * @param workers TaskManagers of one slot (the run's parallelism)
 * @param cores CPU cores of the host the TaskManagers shared
 * @param run 1, 2, ... (the warm-up run is not recorded)
 * @param tasks tasks the run submitted
 * @param chains independent chains of tasks (the most workers the run can keep busy)
 * @param syncs sync points, i.e. Flink jobs
 * @param wall seconds from the first value put to the last result back in the program
 * @param serial seconds the driver spent outside the runner's jobs: graph build and capture of the
 *     program's values, compiling the plan, reading results
 * @param coord seconds inside the jobs but outside the chunks' window: translation, submit,
 *     deployment of subtasks, the job's end and the driver learning it
 * @param window seconds from the first chunk's start to the last chunk's end, summed over syncs
 * @param taskSeconds sum of the task functions' durations (task-side clocks)
 * @param driverBytes bytes of program values the driver sent (inline or via the work directory)
 * @param workerBytes bytes the chunks read and wrote in the work directory
 * @param net {@code netem} when the TaskManagers ran in shaped network namespaces
 */
public record Point(
    String workload,
    int size,
    int block,
    int workers,
    int cores,
    int run,
    int tasks,
    int chains,
    int syncs,
    double wall,
    double serial,
    double coord,
    double window,
    double taskSeconds,
    double driverBytes,
    double workerBytes,
    String net) {

  public static final String HEADER =
      "workload,size,block,workers,cores,run,tasks,chains,syncs,wall_s,serial_s,coord_s,window_s,"
          + "task_s,driver_bytes,worker_bytes,net";

  public String csv() {
    return String.join(
        ",",
        workload,
        Integer.toString(size),
        Integer.toString(block),
        Integer.toString(workers),
        Integer.toString(cores),
        Integer.toString(run),
        Integer.toString(tasks),
        Integer.toString(chains),
        Integer.toString(syncs),
        fmt(wall),
        fmt(serial),
        fmt(coord),
        fmt(window),
        fmt(taskSeconds),
        Long.toString((long) driverBytes),
        Long.toString((long) workerBytes),
        net);
  }

  private static String fmt(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.4f", seconds);
  }

  /** A line of {@link #HEADER}'s columns; a malformed line gets one message naming it. */
  public static Point parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 17) {
      throw new IllegalArgumentException(
          "scaling: a point needs 17 comma-separated fields (" + HEADER + "), got: " + line);
    }
    try {
      return new Point(
          f[0],
          Integer.parseInt(f[1]),
          Integer.parseInt(f[2]),
          Integer.parseInt(f[3]),
          Integer.parseInt(f[4]),
          Integer.parseInt(f[5]),
          Integer.parseInt(f[6]),
          Integer.parseInt(f[7]),
          Integer.parseInt(f[8]),
          Double.parseDouble(f[9]),
          Double.parseDouble(f[10]),
          Double.parseDouble(f[11]),
          Double.parseDouble(f[12]),
          Double.parseDouble(f[13]),
          Double.parseDouble(f[14]),
          Double.parseDouble(f[15]),
          f[16]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scaling: not a number in point: " + line, e);
    }
  }

  /** Every point of a CSV file written by the harness (its header line skipped). */
  public static List<Point> read(Path csv) throws IOException {
    List<Point> points = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      if (!line.isBlank() && !line.startsWith("workload,")) {
        points.add(parse(line.strip()));
      }
    }
    return points;
  }

  /** The busiest worker's share of the run's chains of tasks. */
  public double share() {
    return ScalingModel.chainShare(chains, workers);
  }

  /** The workload, whatever the worker count: {@code seed:2560:256}. */
  public String workloadKey() {
    return workload + ":" + size + ":" + block;
  }

  /** A key grouping the repeated runs of one configuration. */
  public String key() {
    return workloadKey() + "@" + workers;
  }
}
