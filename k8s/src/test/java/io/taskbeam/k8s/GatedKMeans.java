package io.taskbeam.k8s;

import io.taskbeam.Cli;
import io.taskbeam.pipelines.kmeans.KMeansMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The k-means application held at two points the rehearsal chooses, so that a TaskManager pod joins
 * and leaves while it runs whatever the host's speed (as slurm's GatedKMeans): after printing
 * {@code iteration 1:} the program waits, in its own code between two sync points, until {@code
 * GATES/joined} exists, and after {@code iteration 3:} until {@code GATES/left} exists. A program
 * waiting in its own code runs no job, so its driver answers a leaving TaskManager at once.
 *
 * <p>Usage (the chart's {@code app.mainClass}): {@code GatedKMeans --gates=DIR [kmeans options]};
 * the chart renders {@code app.params.gates} as {@code --gates=DIR}.
 */
public final class GatedKMeans {
  /** How long the program waits for a gate before it fails. */
  private static final Duration GATE_WAIT = Duration.ofMinutes(5);

  private GatedKMeans() {}

  public static void main(String[] args) {
    Path gates = null;
    List<String> kmeans = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--gates=")) {
        gates = Path.of(arg.substring("--gates=".length()));
      } else {
        kmeans.add(arg);
      }
    }
    if (gates == null) {
      throw new IllegalArgumentException("GatedKMeans needs --gates=DIR");
    }
    Map<String, Path> held =
        Map.of("iteration 1:", gates.resolve("joined"), "iteration 3:", gates.resolve("left"));
    PrintStream out = new PrintStream(new GatedLines(System.out, held), true);
    String[] options = kmeans.toArray(String[]::new);
    int code = Cli.run("kmeans", System.err, () -> KMeansMain.run(options, out));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Passes lines on; after a line starting with a gate's prefix, waits for its file. */
  private static final class GatedLines extends OutputStream {
    private final PrintStream target;
    private final Map<String, Path> gates;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    GatedLines(PrintStream target, Map<String, Path> gates) {
      this.target = target;
      this.gates = gates;
    }

    @Override
    public void write(int b) throws IOException {
      line.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.print(text);
        target.flush();
        for (Map.Entry<String, Path> gate : gates.entrySet()) {
          if (text.startsWith(gate.getKey())) {
            await(gate.getValue());
          }
        }
      }
    }

    @Override
    public void flush() {
      target.flush();
    }

    private void await(Path file) throws IOException {
      target.println("gated-kmeans: waiting for " + file);
      long deadline = System.nanoTime() + GATE_WAIT.toNanos();
      while (!Files.exists(file)) {
        if (System.nanoTime() > deadline) {
          throw new IOException("gated-kmeans: " + file + " did not appear in " + GATE_WAIT);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("gated-kmeans: interrupted waiting for " + file, e);
        }
      }
      target.println("gated-kmeans: " + file + " is there; going on");
    }
  }
}
