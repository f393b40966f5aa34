package io.taskbeam.pipelines.genetic;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference: the same operators on the population as one fragment, in plain loops without tasks
 * or sync points.
 */
public final class SequentialGenetic {
  private SequentialGenetic() {}

  /** The fittest individual after {@code generations} generations, as {@link Genetic#evolve}. */
  public static Individual run(GaSettings settings, int generations) {
    GaSettings s = settings.whole();
    List<DMatrixRMaj> population = List.of(Operators.initial(s, 0));
    Selection selection = null;
    for (int g = 0; g <= generations; g++) {
      selection = Operators.select(List.of(Operators.fitness(population.get(0))), s, g);
      if (g < generations) {
        population = List.of(Operators.breed(population, selection, 0, s));
      }
    }
    return Operators.fittest(population, selection);
  }
}
