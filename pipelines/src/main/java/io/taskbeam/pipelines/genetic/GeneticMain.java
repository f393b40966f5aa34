package io.taskbeam.pipelines.genetic;

import io.taskbeam.Cli;
import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.pipelines.OptionChecks;
import io.taskbeam.pipelines.OutputFiles;
import io.taskbeam.pipelines.RunSummary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The genetic algorithm program: {@code ./mvnw -q compile exec:java -Dapp=genetic}. Evolves the
 * population, prints the best cost at each sync point, checks the best individual against the
 * sequential run.
 */
public final class GeneticMain {
  private GeneticMain() {}

  /** Runs the program; returns the exit code. Throws for bad input (see {@link Cli#run}). */
  public static int run(String[] args, PrintStream out) {
    GeneticOptions o = Cli.parse(args, GeneticOptions.class);
    GaSettings s = settings(o);
    Path output =
        o.getOutput() == null
            ? null
            : OptionChecks.outputFile("--output", o.getOutput(), o.getOverwrite());
    long start = System.nanoTime();
    Individual best;
    SyncReport totals;
    try (TaskBeam tb = TaskBeam.start(o)) {
      out.printf(
          Locale.ROOT,
          "genetic: Rastrigin in %d dimensions, population %d in %d "
              + "fragments, %d generations, seed %d%n",
          s.genes(),
          s.population(),
          s.fragments(),
          o.getGenerations(),
          s.seed());
      out.println("runner: " + tb.target());
      int[] reported = {tb.reports().size()};
      best =
          Genetic.evolve(
              tb,
              s,
              o.getGenerations(),
              o.getGenerationsPerSync(),
              done -> {
                Selection last = done.get(done.size() - 1);
                List<SyncReport> reports = tb.reports();
                boolean resumed = reports.size() == reported[0]; // --resume took every task
                reported[0] = reports.size();
                if (resumed && (done.size() > 1 || last.generation() % 10 == 0)) {
                  out.printf(
                      Locale.ROOT,
                      "generation %d: best cost %.6g (resumed from the checkpoint)%n",
                      last.generation(),
                      last.bestCost());
                } else if (done.size() > 1 || last.generation() % 10 == 0) {
                  SyncReport r = reports.get(reports.size() - 1);
                  out.printf(
                      Locale.ROOT,
                      "generation %d: best cost %.6g (sync %d: %d tasks in %d "
                          + "stages, run %.3f s)%n",
                      last.generation(),
                      last.bestCost(),
                      r.sync(),
                      r.tasks(),
                      r.stages(),
                      r.runSeconds());
                }
              });
      totals = SyncReport.total(tb.reports());
    }
    long total = System.nanoTime() - start;
    out.printf(Locale.ROOT, "best: cost %.6g at %s%n", best.cost(), genes(best, "%.4f"));
    RunSummary.print(out, totals, total);
    if (o.getVerify()) {
      long refStart = System.nanoTime();
      Individual reference = SequentialGenetic.run(s, o.getGenerations());
      boolean same = reference.equals(best);
      out.printf(
          Locale.ROOT,
          "verify: the best individual is %s the sequential run's " + "(cost %.6g, %.3f s): %s%n",
          same ? "identical to" : "NOT",
          reference.cost(),
          (System.nanoTime() - refStart) / 1e9,
          same ? "OK" : "WRONG");
      if (!same) {
        throw new IllegalStateException(
            "the best individual differs from the sequential run's; " + "nothing was written");
      }
    }
    if (output != null) {
      StringBuilder csv = new StringBuilder("cost");
      for (int g = 0; g < s.genes(); g++) {
        csv.append(",g").append(g);
      }
      csv.append('\n').append(best.cost()).append(',').append(genes(best, null)).append('\n');
      OutputFiles.write(output, w -> w.write(csv.toString().getBytes(StandardCharsets.US_ASCII)));
      out.println("wrote the best individual to " + o.getOutput());
    }
    return 0;
  }

  private static String genes(Individual individual, String format) {
    StringBuilder text = new StringBuilder();
    for (double g : individual.genes()) {
      text.append(text.length() == 0 ? "" : ",")
          .append(format == null ? Double.toString(g) : String.format(Locale.ROOT, format, g));
    }
    return text.toString();
  }

  static GaSettings settings(GeneticOptions o) {
    OptionChecks.positive("--genes", o.getGenes());
    OptionChecks.positive("--fragments", o.getFragments());
    OptionChecks.positive("--generations", o.getGenerations());
    OptionChecks.positive("--generationsPerSync", o.getGenerationsPerSync());
    OptionChecks.positive("--tournament", o.getTournament());
    if (o.getPopulation() < 2 || o.getPopulation() < o.getFragments()) {
      throw new IllegalArgumentException(
          "--population must be at least 2 and at least "
              + "--fragments ("
              + o.getFragments()
              + "); got "
              + o.getPopulation());
    }
    probability("--crossover", o.getCrossover());
    probability("--mutation", o.getMutation());
    if (!(o.getMutationScale() >= 0)) {
      throw new IllegalArgumentException(
          "--mutationScale must be zero or positive; got " + o.getMutationScale());
    }
    return new GaSettings(
        o.getPopulation(),
        o.getGenes(),
        o.getFragments(),
        o.getTournament(),
        o.getCrossover(),
        o.getMutation(),
        o.getMutationScale(),
        o.getSeed());
  }

  private static void probability(String option, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          option + " must be a probability between 0 and 1; " + "got " + p);
    }
  }
}
