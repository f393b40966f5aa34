package io.taskbeam.pipelines.genetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.taskbeam.TaskBeam;
import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Test bodies that take the runner's options, so the same checks run on the DirectRunner here and
 * on Flink in the conformance suite.
 */
public final class GeneticChecks {
  private GeneticChecks() {}

  static GaSettings settings(int fragments, long seed) {
    return new GaSettings(37, 5, fragments, 3, 0.9, 0.2, 0.3, seed);
  }

  private static Individual evolve(
      GaSettings s, int generations, int perSync, List<Selection> seen, String... runnerArgs) {
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      return Genetic.evolve(tb, s, generations, perSync, seen::addAll);
    }
  }

  /** Unequal fragments, several generations per sync point: the sequential run's best. */
  public static void bestIndividualEqualsTheSequentialRun(String... runnerArgs) {
    List<Selection> seen = new ArrayList<>();
    Individual best = evolve(settings(4, 7), 7, 3, seen, runnerArgs);
    assertThat(best, equalTo(SequentialGenetic.run(settings(4, 7), 7)));
    assertThat("one selection per generation, 0 to 7", seen.size(), is(8));
    for (int g = 1; g < seen.size(); g++) {
      assertThat(
          "the fittest survives",
          seen.get(g).bestCost(),
          lessThanOrEqualTo(seen.get(g - 1).bestCost()));
    }
    assertThat("it evolves", seen.get(7).bestCost(), lessThan(seen.get(0).bestCost()));
    assertThat(best.cost(), closeTo(rastrigin(best.genes()), 1e-9));
    // the same with other sync points and another split of the population; another seed differs
    assertThat(evolve(settings(5, 7), 7, 2, new ArrayList<>(), runnerArgs), equalTo(best));
    assertThat(SequentialGenetic.run(settings(4, 8), 7), not(equalTo(best)));
  }

  /** The test's own Rastrigin function. */
  static double rastrigin(double[] x) {
    double sum = 10.0 * x.length;
    for (double v : x) {
      sum += v * v - 10 * Math.cos(2 * Math.PI * v);
    }
    return sum;
  }

  /** Costs of known points, and genes found across fragments by population index. */
  public static void operatorsOnKnownValues() {
    DMatrixRMaj points = new DMatrixRMaj(new double[][] {{0, 0, 0}, {1, 1, 1}, {0.5, 0, -2}});
    double[] costs = Operators.fitness(points);
    assertThat(costs[0], is(0.0));
    assertThat(costs[1], closeTo(3.0, 1e-12));
    assertThat(costs[2], closeTo(rastrigin(new double[] {0.5, 0, -2}), 1e-12));
    List<DMatrixRMaj> population =
        List.of(
            new DMatrixRMaj(new double[][] {{1, 2}}),
            new DMatrixRMaj(new double[][] {{3, 4}, {5, 6}}));
    assertThat(Operators.genes(population, 2)[1], is(6.0));
  }

  /** The program: progress, the verify line, the best individual as CSV. */
  public static void programWritesTheBestIndividual(Path dir, String... runnerArgs)
      throws Exception {
    Path csv = dir.resolve("best.csv");
    String out =
        ProgramRuns.run(
            GeneticMain::run,
            ProgramRuns.with(
                runnerArgs,
                "--population=30",
                "--genes=4",
                "--fragments=3",
                "--generations=12",
                "--generationsPerSync=5",
                "--seed=3",
                "--output=" + csv));
    assertThat(out, containsString("generation 4: best cost "));
    assertThat(out, containsString("the best individual is identical to the sequential run's"));
    Individual expected = SequentialGenetic.run(new GaSettings(30, 4, 1, 3, 0.9, 0.1, 0.3, 3), 12);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0), equalTo("cost,g0,g1,g2,g3"));
    String[] values = lines.get(1).split(",");
    assertThat(Double.parseDouble(values[0]), is(expected.cost()));
    for (int g = 0; g < 4; g++) {
      assertThat(Double.parseDouble(values[g + 1]), is(expected.genes()[g]));
    }
  }

  /** Options out of range: one line; nothing written. */
  public static void badInputIsOneLine(Path dir, String... runnerArgs) {
    String out = "--output=" + dir.resolve("best.csv");
    assertThat(
        fail(runnerArgs, "--population=5", "--fragments=8", out),
        equalTo(
            "genetic: "
                + "error: --population must be at least 2 and at least --fragments (8); got 5"));
    assertThat(
        fail(runnerArgs, "--mutation=1.5", out),
        equalTo("genetic: error: --mutation " + "must be a probability between 0 and 1; got 1.5"));
    assertThat(
        fail(runnerArgs, "--generations=0", out),
        equalTo("genetic: error: " + "--generations must be a positive integer; got 0"));
    assertThat(
        fail(runnerArgs, "--tournament=0", out),
        equalTo("genetic: error: --tournament " + "must be a positive integer; got 0"));
    assertThat(Files.exists(dir.resolve("best.csv")), is(false));
  }

  private static String fail(String[] runnerArgs, String... args) {
    return ProgramRuns.fail("genetic", GeneticMain::run, ProgramRuns.with(runnerArgs, args));
  }
}
