package io.taskbeam.slurm;

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
import java.util.Arrays;
import java.util.Map;

/**
 * The k-means application, held at two points the test chooses, so that a worker joins and leaves
 * while it runs whatever the host's speed: after printing {@code iteration 1:} the program waits
 * (in its own code, between two sync points) until the file {@code args[0]} exists, and after
 * {@code iteration 4:} until {@code args[1]} exists; the rest of {@code args} are the
 * application's. A program that waits in its own code is what the drain must handle anyway: no job
 * of it runs, so its driver answers the drainer at once.
 *
 * <p>Usage: {@code GatedKMeans JOINED_FILE DRAINED_FILE [kmeans options]}.
 */
public final class GatedKMeans {
  /** How long the program waits for a gate before it fails. */
  private static final Duration GATE_WAIT = Duration.ofMinutes(10);

  private GatedKMeans() {}

  public static void main(String[] args) {
    Map<String, Path> gates =
        Map.of("iteration 1:", Path.of(args[0]), "iteration 4:", Path.of(args[1]));
    PrintStream out = new PrintStream(new GatedLines(System.out, gates), true);
    String[] kmeans = Arrays.copyOfRange(args, 2, args.length);
    int code = Cli.run("kmeans", System.err, () -> KMeansMain.run(kmeans, out));
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
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("gated-kmeans: interrupted waiting for " + file, e);
        }
      }
      target.println("gated-kmeans: " + file + " is there; going on");
    }
  }
}
