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

  /** Null when rendered, else why not (for the log and the report). */
  static String renderSvg(Path dot, Path svg, int nodes) {
    if (nodes > MAX_NODES) {
      return "the graph has " + nodes + " tasks, more than the " + MAX_NODES + " taskbeam renders";
    }
    Path exe = find("dot");
    if (exe == null) {
      return "Graphviz is not installed (apt-get install graphviz); open "
          + dot.getFileName()
          + " with any DOT viewer";
    }
    Path errors = svg.resolveSibling(svg.getFileName() + ".err");
    try {
      Process p =
          new ProcessBuilder(exe.toString(), "-Tsvg", "-o", svg.toString(), dot.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(errors.toFile()))
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "dot did not finish within " + TIMEOUT_SECONDS + " s";
      }
      if (p.exitValue() != 0) {
        return "dot failed: " + Files.readString(errors).strip();
      }
      return null;
    } catch (IOException e) {
      return "dot could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      try {
        Files.deleteIfExists(errors);
      } catch (IOException ignored) {
        // a stray .err file is harmless
      }
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
