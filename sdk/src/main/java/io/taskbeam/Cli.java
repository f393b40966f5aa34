package io.taskbeam;

import io.taskbeam.internal.options.RunnerProfiles;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What every taskbeam program's {@code main} does with its arguments and its failures: parse the
 * options interface, and turn a bad input or a failed task into one line on stderr and exit
 * code 1, without a stack trace.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Cli.run("matmul", System.err, () -> run(Cli.parse(args, MatMulOptions.class))));
 * }
 * }</pre>
 */
public final class Cli {
  private Cli() {}

  /** A program body that returns its exit code. */
  public interface Body {
    int run() throws Exception;
  }

  /** Parses {@code args} into {@code type}, registering it so {@code --help} lists it. */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> type) {
    PipelineOptionsFactory.register(type);
    return PipelineOptionsFactory.fromArgs(RunnerProfiles.expand(args)).withValidation().as(type);
  }

  /** Runs {@code body}; on failure prints {@code program: error: message} and returns 1. */
  public static int run(String program, PrintStream err, Body body) {
    try {
      return body.run();
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException
        | TaskFailedException | io.taskbeam.matrix.MatrixMarket.MatrixFileException e) {
      err.println(program + ": error: " + oneLine(e));
      return 1;
    } catch (Exception e) {
      err.println(program + ": error: " + e.getClass().getSimpleName() + ": " + oneLine(e));
      return 1;
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
