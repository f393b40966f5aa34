package io.taskbeam.pipelines.mandelbrot;

import io.taskbeam.Cli;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.pipelines.OptionChecks;
import io.taskbeam.pipelines.OutputFiles;
import io.taskbeam.pipelines.RunSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The Mandelbrot program: {@code ./mvnw -q compile exec:java -Dapp=mandelbrot}. Computes the
 * picture in bands, checks it pixel by pixel against a sequential run, writes the PNG.
 */
public final class MandelbrotMain {
  private MandelbrotMain() {}

  /** Runs the program; returns the exit code. Throws for bad input (see {@link Cli#run}). */
  public static int run(String[] args, PrintStream out) throws Exception {
    MandelbrotOptions options = Cli.parse(args, MandelbrotOptions.class);
    OptionChecks.positive("--width", options.getWidth());
    OptionChecks.positive("--height", options.getHeight());
    int maxIterations = options.getMaxIterations() == null ? 2048 : options.getMaxIterations();
    String outputName = options.getOutput() == null ? "mandelbrot.png" : options.getOutput();
    OptionChecks.positive("--maxIterations", maxIterations);
    if (options.getBands() < 1 || options.getBands() > options.getHeight()) {
      throw new IllegalArgumentException(
          "--bands must be between 1 and the image height "
              + options.getHeight()
              + "; got "
              + options.getBands());
    }
    Path output = OptionChecks.outputFile("--output", outputName, options.getOverwrite());
    Region region = Region.parasnake(options.getWidth(), options.getHeight(), maxIterations);
    long start = System.nanoTime();
    int[] counts;
    SyncReport totals;
    try (TaskBeam tb = TaskBeam.start(options)) {
      out.printf(
          Locale.ROOT,
          "mandelbrot: %dx%d pixels of -2-1.5i to 1+1.5i, at most %d " + "iterations, %d bands%n",
          region.width(),
          region.height(),
          region.maxIterations(),
          options.getBands());
      out.println("runner: " + tb.target());
      counts = Mandelbrot.compute(tb, region, options.getBands());
      totals = SyncReport.total(tb.reports());
    }
    long total = System.nanoTime() - start;
    RunSummary.print(out, totals, total);
    if (options.getVerify()) {
      long refStart = System.nanoTime();
      int[] reference = SequentialMandelbrot.image(region);
      int differ = 0;
      for (int i = 0; i < reference.length; i++) {
        differ += reference[i] == counts[i] ? 0 : 1;
      }
      out.printf(
          Locale.ROOT,
          "verify: %d of %d pixels differ from a sequential run " + "(%.3f s): %s%n",
          differ,
          reference.length,
          (System.nanoTime() - refStart) / 1e9,
          differ == 0 ? "OK" : "WRONG");
      if (differ != 0) {
        throw new IllegalStateException(
            differ + " pixels differ from the sequential run; " + "nothing was written");
      }
    }
    OutputFiles.write(output, o -> ImageIO.write(Colouring.image(counts, region), "png", o));
    out.println("wrote " + outputName);
    return 0;
  }
}
