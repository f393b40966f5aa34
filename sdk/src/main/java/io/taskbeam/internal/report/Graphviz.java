package io.taskbeam.internal.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders DOT to SVG with Graphviz's {@code dot} (Debian package {@code graphviz}) when it is
 * installed. Graphs over {@link #MAX_NODES} tasks are not rendered: dot's layout takes minutes
 * there, and such a picture shows nothing a person can read; the DOT file is written either way.
 */
final class Graphviz {
  static final int MAX_NODES = 3000;
  private static final long TIMEOUT_SECONDS = 120;

  private Graphviz() {}

  /**
   * Starts {@code dot} on the graph, so that it lays it out while the caller writes its other
   * files; {@link Rendering#await} says how it ended.
   */
  static Rendering start(Path dot, Path svg, int nodes) {
    if (nodes > MAX_NODES) {
      return Rendering.ended(
          "the graph has " + nodes + " tasks, more than the " + MAX_NODES + " taskbeam renders");
    }
    Path exe = find("dot");
    if (exe == null) {
      return Rendering.ended(
          "Graphviz is not installed (apt-get install graphviz); open "
              + dot.getFileName()
              + " with any DOT viewer");
    }
    Path errors = svg.resolveSibling(svg.getFileName() + ".err");
    try {
      Process p =
          new ProcessBuilder(exe.toString(), "-Tsvg", "-o", svg.toString(), dot.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(errors.toFile()))
              .start();
      p.getOutputStream().close();
      return new Rendering(p, errors, null);
    } catch (IOException e) {
      deleteQuietly(errors);
      return Rendering.ended("dot could not run: " + e.getMessage());
    }
  }

  /** A {@code dot} run: the process, or why there is none. */
  static final class Rendering {
    private final Process process;
    private final Path errors;
    private final String ended;

    private Rendering(Process process, Path errors, String ended) {
      this.process = process;
      this.errors = errors;
      this.ended = ended;
    }

    private static Rendering ended(String why) {
      return new Rendering(null, null, why);
    }

    /** Null when rendered, else why not (for the log and the report). */
    String await() {
      if (process == null) {
        return ended;
      }
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return "dot did not finish within " + TIMEOUT_SECONDS + " s";
        }
        if (process.exitValue() != 0) {
          return "dot failed: " + Files.readString(errors).strip();
        }
        return null;
      } catch (IOException e) {
        return "dot's output could not be read: " + e.getMessage();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        return "interrupted";
      } finally {
        deleteQuietly(errors);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stray .err file is harmless
    }
  }

  /** An executable on the PATH, or null. */
  static Path find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
