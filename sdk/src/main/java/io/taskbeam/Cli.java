package io.taskbeam;

import io.taskbeam.internal.options.RunnerProfiles;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What every taskbeam program's {@code main} does with its arguments and its failures: parse the
 * options interface, and turn a bad input or a failed task into one line on stderr and exit code 1,
 * without a stack trace.
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

  /** The program {@link #run} is running on this thread: names its runs ({@code matmul_03}). */
  private static final ThreadLocal<String> PROGRAM = new ThreadLocal<>();

  /**
   * Parses {@code args} into {@code type}, registering it so {@code --help} lists it. Unless {@code
   * --appName} is given, runs are named after the program: inside {@link #run} its name, elsewhere
   * the class that called {@code parse}.
   */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> type) {
    return ProgramOptions.parse(RunnerProfiles.expand(args), type, PROGRAM.get());
  }

  /** Runs {@code body}; on failure prints {@code program: error: message} and returns 1. */
  public static int run(String program, PrintStream err, Body body) {
    String outer = PROGRAM.get();
    PROGRAM.set(program);
    try {
      return body.run();
    } catch (ExplainStop e) {
      err.println(program + ": " + e.getMessage());
      return 0;
    } catch (IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException
        | TaskFailedException e) {
      err.println(program + ": error: " + oneLine(e));
      return 1;
    } catch (Exception e) {
      err.println(program + ": error: " + e.getClass().getSimpleName() + ": " + oneLine(e));
      return 1;
    } finally {
      PROGRAM.set(outer);
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int newline = message.indexOf('\n');
    return printable(newline < 0 ? message : message.substring(0, newline));
  }

  /**
   * {@code text} with control characters (C0, DEL, C1) written as {@code \xHH}: a message may quote
   * a line of the user's input, and an input that starts with terminal escape sequences must not
   * clear the screen or retitle the terminal when it is echoed.
   */
  public static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
