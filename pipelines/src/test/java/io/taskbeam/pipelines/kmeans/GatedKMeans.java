package io.taskbeam.pipelines.kmeans;

import io.taskbeam.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The k-means application held at iterations a test chooses, so that workers join and leave while
 * it runs whatever the host's speed (the SLURM and Kubernetes rehearsals): after printing {@code
 * iteration N:} for each N of {@code --holdAfter}, the program waits, in its own code between two
 * sync points, until the file {@code GATES/after-N} exists (10 minutes at most). A program waiting
 * in its own code runs no job, so its driver answers a leaving TaskManager at once.
 *
 * <p>Usage: {@code GatedKMeans --gates=DIR --holdAfter=1,4 [kmeans options]}.
 */
public final class GatedKMeans {
  private static final Duration GATE_WAIT = Duration.ofMinutes(10);

  private GatedKMeans() {}

  /** The file a test creates to let the program go on after iteration {@code n}. */
  public static Path gate(Path gates, int n) {
    return gates.resolve("after-" + n);
  }

  public static void main(String[] args) {
    Path gates = null;
    List<Integer> holds = new ArrayList<>();
    List<String> kmeans = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--gates=")) {
        gates = Path.of(arg.substring("--gates=".length()));
      } else if (arg.startsWith("--holdAfter=")) {
        for (String n : arg.substring("--holdAfter=".length()).split(",")) {
          holds.add(Integer.parseInt(n.strip()));
        }
      } else {
        kmeans.add(arg);
      }
    }
    if (gates == null || holds.isEmpty()) {
      throw new IllegalArgumentException("GatedKMeans needs --gates=DIR and --holdAfter=N[,N...]");
    }
    Map<String, Path> held = new LinkedHashMap<>();
    for (int n : holds) {
      held.put("iteration " + n + ":", gate(gates, n));
    }
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
