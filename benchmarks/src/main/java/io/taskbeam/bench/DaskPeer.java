package io.taskbeam.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Dask configuration: {@code benchmarks/dask_bench.py} on Debian's {@code python3-dask} and
 * {@code python3-distributed} (a LocalCluster of single-threaded worker processes).
 */
final class DaskPeer {
  private final String python;
  private final Path script;

  DaskPeer(String python, Path script) {
    this.python = python;
    this.script = script;
  }

  /** Debian's interpreter, where apt installs the packages; else whatever python3 is. */
  static String defaultPython() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** Null when Dask can run here, else why not and how to fix it. */
  String missing() {
    if (!Files.isReadable(script)) {
      return "no " + script + " (run the suite from the repository root)";
    }
    if (output(python, "-c", "import dask.distributed, numpy") == null) {
      return python
          + " cannot import dask.distributed and numpy: apt-get install python3-dask "
          + "python3-distributed python3-numpy (benchmarks/run does when it can)";
    }
    return null;
  }

  /** Versions of Python, Dask, distributed and numpy, for the machine description. */
  String versions() {
    String v =
        output(
            python,
            "-c",
            "import sys, dask, distributed, numpy; print('Python %s, "
                + "dask %s, distributed %s, numpy %s' % (sys.version.split()[0], dask.__version__, "
                + "distributed.__version__, numpy.__version__))");
    return v == null ? "unknown" : v.trim();
  }

  /** {@code kmeansData}: where {@link KMeansData#write} left each kmeans size's data. */
  String run(
      int workers,
      int runs,
      List<Workload> workloads,
      Results results,
      String name,
      Path kmeansData) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                python,
                script.toString(),
                "--workers=" + workers,
                "--runs=" + runs,
                "--workloads=" + String.join(",", workloads.stream().map(Workload::spec).toList()),
                "--kmeans-data=" + kmeansData));
    return ChildProcess.run(cmd, Map.of("OPENBLAS_NUM_THREADS", "1"), results, name);
  }

  private static String output(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }
}
