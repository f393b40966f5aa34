package io.taskbeam;

import java.util.Arrays;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A program's command line read into its options interface, as {@link TaskBeam#start(Class,
 * String...)} and {@link Cli#parse} both do: the interface registered (so {@code --help} lists it),
 * the values validated, and the runs named after the program unless {@code --appName} is given.
 */
final class ProgramOptions {
  /** Why a runner is unknown: its artifact is missing from the program's class path. */
  static final String RUNNER_ARTIFACTS =
      "each runner comes with its taskbeam artifact (io.taskbeam:taskbeam-direct for"
          + " DirectRunner, taskbeam-flink for FlinkRunner, taskbeam-spark for SparkRunner): add"
          + " the runner's one to the program's dependencies (docs/runners.md)";

  private ProgramOptions() {}

  /**
   * Parses {@code args} (profiles already expanded) into {@code type}. Unless the arguments give
   * {@code --appName}, the runs are named {@code appName}, or when it is null after the class that
   * called into the API (Beam's own default would name this class).
   */
  static <T extends PipelineOptions> T parse(String[] args, Class<T> type, String appName) {
    PipelineOptionsFactory.register(TaskBeamOptions.class); // the session's, beside the program's
    PipelineOptionsFactory.register(type);
    T options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(type);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("Unknown 'runner' specified")) {
        throw e;
      }
      throw new IllegalArgumentException(e.getMessage() + ": " + RUNNER_ARTIFACTS, e);
    }
    if (Arrays.stream(args).noneMatch(a -> a.startsWith("--appName"))) {
      options.as(ApplicationNameOptions.class).setAppName(appName != null ? appName : callerName());
    }
    return options;
  }

  /** The simple name of the class that called into the API: the program, for run names. */
  private static String callerName() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .map(StackWalker.StackFrame::getDeclaringClass)
                    .filter(c -> c != ProgramOptions.class && c != TaskBeam.class && c != Cli.class)
                    .findFirst()
                    .map(Class::getSimpleName)
                    .filter(n -> !n.isEmpty())
                    .orElse("taskbeam"));
  }
}
