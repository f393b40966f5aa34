package io.taskbeam.pipelines.genetic;

import java.io.Serializable;

/**
 * The algorithm's parameters, shared by every task.
 *
 * @param population individuals per generation
 * @param genes genes per individual (the dimension of the search space)
 * @param fragments parts the population is split into, one fitness and one breeding task each
 * @param tournament individuals compared to pick each parent
 * @param crossover probability that a child mixes two parents rather than copying one
 * @param mutation probability that a gene is perturbed
 * @param mutationScale standard deviation of a perturbation
 * @param seed the seed every random draw derives from
 */
public record GaSettings(
    int population,
    int genes,
    int fragments,
    int tournament,
    double crossover,
    double mutation,
    double mutationScale,
    long seed)
    implements Serializable {

  /** The search space is [-LIMIT, LIMIT] per gene. */
  static final double LIMIT = 5.12;

  /** First slot of fragment {@code f}; fragment f holds slots [first(f), first(f + 1)). */
  int first(int f) {
    return (int) ((long) population * f / fragments);
  }

  /** The same settings with the population in one fragment (the sequential reference). */
  GaSettings whole() {
    return new GaSettings(
        population, genes, 1, tournament, crossover, mutation, mutationScale, seed);
  }
}
