package io.taskbeam.pipelines.genetic;

import java.io.Serializable;
import java.util.Arrays;

/** One individual's genes and its cost (lower is fitter). */
public record Individual(double[] genes, double cost) implements Serializable {
  @Override
  public boolean equals(Object o) {
    return o instanceof Individual other
        && Arrays.equals(genes, other.genes)
        && Double.compare(cost, other.cost) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(genes) + Double.hashCode(cost);
  }
}
