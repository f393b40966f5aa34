package io.taskbeam.pipelines;

import io.taskbeam.Cli;
import io.taskbeam.pipelines.cholesky.CholeskyMain;
import io.taskbeam.pipelines.fastq.FastqMain;
import io.taskbeam.pipelines.genetic.GeneticMain;
import io.taskbeam.pipelines.kmeans.KMeansMain;
import io.taskbeam.pipelines.mandelbrot.MandelbrotMain;
import io.taskbeam.pipelines.matmul.MatMulMain;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one entry point of {@code ./mvnw -q compile exec:java}: picks the application named by {@code
 * -Dapp=NAME} (default {@code matmul}) and runs it with {@code -Dexec.args}.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.args="--runner=DirectRunner"            # matmul
 * ./mvnw -q compile exec:java -Dapp=matmul -Dexec.args="--n=2048"
 * ./mvnw -q compile exec:java -Dapp=cholesky          # also kmeans, genetic, fastq, mandelbrot
 * </pre>
 */
public final class Main {
  /** An application's body: parses {@code args}, prints to {@code out}, returns the exit code. */
  public interface App {
    int run(String[] args, PrintStream out) throws Exception;
  }

  /** Every application, by the name {@code -Dapp} takes. */
  static final Map<String, App> APPS =
      new TreeMap<>(
          Map.of(
              "matmul", MatMulMain::run,
              "cholesky", CholeskyMain::run,
              "kmeans", KMeansMain::run,
              "fastq", FastqMain::run,
              "genetic", GeneticMain::run,
              "mandelbrot", MandelbrotMain::run));

  private Main() {}

  public static void main(String[] args) {
    String name = System.getProperty("app", "matmul");
    App app = APPS.get(name);
    if (app == null) {
      System.err.println(
          "taskbeam: error: unknown application -Dapp="
              + name
              + ": use one of "
              + String.join(", ", APPS.keySet()));
      System.exit(1);
    }
    int code = Cli.run(name, System.err, () -> app.run(args, System.out));
    if (code != 0) {
      System.exit(code);
    }
  }
}
