package io.taskbeam.internal.spark;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.beam.RunnerSupport;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.spark.SparkPipelineOptions;

/**
 * Beam's SparkRunner behind the runner seam. Its default master is Spark's local mode in this JVM,
 * {@code local[4]}; {@code --parallelism=N} without a {@code --sparkMaster} of the user's own runs
 * {@code local[N]}, and without {@code --parallelism} the worker threads of the local master are
 * the parallelism. Against a Spark cluster, {@code --parallelism} sizes the stages (default: this
 * machine's cores). Chunks are keyed by index and failures leave as they are: Spark's local mode
 * does not retry a failed task.
 */
public final class SparkRunnerSupport implements RunnerSupport {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

  /** Beam's default for {@code --sparkMaster}. */
  private static final String DEFAULT_MASTER = "local[4]";

  @Override
  public boolean supports(String runnerClass) {
    return runnerClass.equals("org.apache.beam.runners.spark.SparkRunner")
        || runnerClass.equals("org.apache.beam.runners.spark.TestSparkRunner");
  }

  @Override
  public Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
    SparkPipelineOptions spark = options.as(SparkPipelineOptions.class);
    String master = spark.getSparkMaster();
    if (requested != -1 && DEFAULT_MASTER.equals(master)) {
      master = "local[" + requested + "]";
      spark.setSparkMaster(master);
    }
    int parallelism = requested != -1 ? requested : localThreads(master);
    String name = "SparkRunner @ " + master;
    String description = "SparkRunner at " + master + ", parallelism " + parallelism;
    return Target.of(parallelism, name, description);
  }

  /** Worker threads of a local master ({@code local}, {@code local[N]}, {@code local[*]}). */
  static int localThreads(String master) {
    Matcher m = LOCAL.matcher(master == null ? "" : master);
    if (!m.matches()) {
      return Runtime.getRuntime().availableProcessors();
    }
    String threads = m.group(1);
    if (threads == null) {
      return 1;
    }
    return threads.equals("*")
        ? Runtime.getRuntime().availableProcessors()
        : Math.max(1, Integer.parseInt(threads));
  }
}
