package io.taskbeam.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything one suite run measured, and its files: rewritten whole (atomically) after every
 * configuration, so an interrupted run leaves complete files of what it measured so far.
 */
final class Results {
  static final String CSV = "results.csv";
  static final String COST_CSV = "sdk_cost.csv";
  static final String COST_HEADER = "workload,size,config,workers,run,seconds,pipeline";
  static final String TABLE = "results.md";
  static final String CHART = "results.svg";
  static final String MACHINE = "machine.md";

  private final Path dir;
  private final List<Row> rows = new ArrayList<>();
  private final List<String[]> costRows = new ArrayList<>();

  Results(Path dir) {
    this.dir = dir;
  }

  synchronized void add(Row row) {
    rows.add(row);
  }

  synchronized void addCost(String csv) {
    String[] f = csv.split(",", -1);
    if (f.length != 7) {
      throw new IllegalArgumentException("not an sdk_cost row (7 fields): " + csv);
    }
    costRows.add(f);
  }

  synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * {@code --append}: keeps the rows of an earlier run in this folder except those about to be
   * measured again, named {@code "config xN workload:size"} (see {@link #key}).
   */
  synchronized void keepEarlier(Set<String> rerun) {
    for (String line : lines(CSV)) {
      Row r = Row.parse(line);
      if (!rerun.contains(key(r.config(), r.workers(), r.workload(), r.size()))) {
        rows.add(r);
      }
    }
    for (String line : lines(COST_CSV)) {
      String[] f = line.split(",", -1);
      if (!rerun.contains(key(f[2], Integer.parseInt(f[3]), f[0], Integer.parseInt(f[1])))) {
        costRows.add(f);
      }
    }
  }

  static String key(String config, int workers, String workload, int size) {
    return config + " x" + workers + " " + workload + ":" + size;
  }

  /** Lines of an earlier {@code section} list ("- ..." items) in {@code file}, or none. */
  List<String> earlierItems(String file, String section) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : readAll(file)) {
      if (line.startsWith("#")) {
        in = line.equals(section);
      } else if (in && line.startsWith("- ")) {
        out.add(line.substring(2));
      }
    }
    return out;
  }

  private List<String> lines(String file) {
    List<String> all = readAll(file);
    return all.isEmpty()
        ? all
        : all.subList(1, all.size()).stream().filter(l -> !l.isBlank()).toList();
  }

  private List<String> readAll(String file) {
    Path path = dir.resolve(file);
    try {
      return Files.exists(path) ? Files.readAllLines(path) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  synchronized void write(List<String> failures, List<String> skipped, String machine) {
    StringBuilder csv = new StringBuilder(Row.HEADER).append('\n');
    rows.forEach(r -> csv.append(r.csv()).append('\n'));
    SuiteFiles.writeAtomically(dir.resolve(CSV), csv.toString());
    StringBuilder cost = new StringBuilder(COST_HEADER).append('\n');
    costRows.forEach(r -> cost.append(String.join(",", r)).append('\n'));
    SuiteFiles.writeAtomically(dir.resolve(COST_CSV), cost.toString());
    List<Report.Median> medians = Report.medians(rows);
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    md.append("Medians of the measured runs in `")
        .append(CSV)
        .append("` (machine and load: `")
        .append(MACHINE)
        .append(
            "`). Time runs from the first task submitted to the product "
                + "back in the program, in a warm JVM or cluster; seq-* time one product call. "
                + "GFLOP/s = 2n^3 / time. Speedup = time with 1 worker / time with 2 workers; "
                + "efficiency = speedup / 2; the last ratio compares GFLOP/s with `seq-blas` x2 "
                + "(OpenBLAS, 2 threads, one process) on the same product.\n\n");
    md.append(Report.markdown(medians));
    md.append("\n## Targets\n\n").append(Targets.markdown(medians, costRows));
    if (!failures.isEmpty()) {
      md.append("\n## Not measured\n\n");
      failures.forEach(f -> md.append("- ").append(f).append('\n'));
    }
    if (!skipped.isEmpty()) {
      md.append("\n## Skipped\n\n");
      skipped.forEach(f -> md.append("- ").append(f).append('\n'));
    }
    SuiteFiles.writeAtomically(dir.resolve(TABLE), md.toString());
    SuiteFiles.writeAtomically(
        dir.resolve(CHART),
        SvgChart.render(medians, "taskbeam benchmarks (medians; see results.md)"));
    SuiteFiles.writeAtomically(dir.resolve(MACHINE), machine);
  }
}
