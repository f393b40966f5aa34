package io.taskbeam.bench;

import io.taskbeam.matrix.Gemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the results were measured on: CPU, memory, OS, JVM, BLAS, and the load over time. */
public final class MachineInfo {
  private MachineInfo() {}

  /** The 1-, 5- and 15-minute load averages, as {@code uptime} prints them. */
  public static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The checked-out commit (short hash, "+ changes" when the tree differs), read at start. */
  public static String commit() {
    String head = command("git", "rev-parse", "--short", "HEAD");
    String changes = command("git", "status", "--porcelain", "--untracked-files=no");
    return head + (changes.isEmpty() || changes.equals("unknown") ? "" : " + uncommitted changes");
  }

  /** A Markdown description; {@code loadLog} holds one line per configuration run. */
  public static String describe(
      String arguments, String commit, List<String> loadLog, String daskVersions) {
    StringBuilder md = new StringBuilder("# Machine of the latest benchmark run\n\n");
    line(md, "date (UTC)", java.time.Instant.now().toString());
    line(md, "command", "benchmarks/run " + arguments);
    line(md, "git commit (at start)", commit);
    line(
        md,
        "CPU",
        cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores available, flags: "
            + cpuFlags());
    line(md, "memory", memTotal());
    line(md, "OS", osName() + ", kernel " + System.getProperty("os.version"));
    line(
        md,
        "JVM",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    line(md, "block kernel", Gemm.kernelName());
    String config = Gemm.libraryConfig();
    if (config != null) {
      line(md, "OpenBLAS build", config);
    }
    line(md, "Dask peer", daskVersions == null ? "not run" : daskVersions);
    md.append(
        "\n## Load while measuring\n\nThe machine may be shared: load averages (1, 5, "
            + "15 min) from /proc/loadavg at the start and end of each configuration. On 2 cores "
            + "a load above ~2 means something else competed for the CPUs.\n\n");
    for (String l : loadLog) {
      md.append("- ").append(l).append('\n');
    }
    return md.toString();
  }

  private static void line(StringBuilder md, String key, String value) {
    md.append("- **").append(key).append("**: ").append(value).append('\n');
  }

  private static String cpuModel() {
    for (String l : lines("/proc/cpuinfo")) {
      if (l.startsWith("model name")) {
        return l.substring(l.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String cpuFlags() {
    for (String l : lines("/proc/cpuinfo")) {
      if (l.startsWith("flags")) {
        StringBuilder out = new StringBuilder();
        for (String flag : List.of("avx2", "fma", "avx512f")) {
          if ((" " + l + " ").contains(" " + flag + " ")) {
            out.append(out.length() == 0 ? "" : " ").append(flag);
          }
        }
        return out.length() == 0 ? "no AVX2" : out.toString();
      }
    }
    return "unknown";
  }

  private static String memTotal() {
    for (String l : lines("/proc/meminfo")) {
      if (l.startsWith("MemTotal")) {
        long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static String osName() {
    for (String l : lines("/etc/os-release")) {
      if (l.startsWith("PRETTY_NAME=")) {
        return l.substring(12).replace("\"", "");
      }
    }
    return System.getProperty("os.name");
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
