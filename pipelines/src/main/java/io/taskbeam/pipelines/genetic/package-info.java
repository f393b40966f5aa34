/**
 * A genetic algorithm in the style of the COMPSs gen application: the population lives in
 * fragments; each generation runs a fitness task per fragment, one selection task that takes all
 * the fitness arrays as a collection parameter ({@code tb.collect}), and a breeding task per
 * fragment (crossover and mutation) that takes the whole population as a collection.
 *
 * <p>Every random draw is seeded by (seed, generation, slot of the individual), never by which
 * fragment or worker handles it, so a seed gives the same best individual on every runner, for any
 * number of fragments, and in the sequential reference, which runs the same operators over the
 * population as one fragment without tasks. The problem minimised is the Rastrigin function on
 * [-5.12, 5.12]^genes (minimum 0 at the origin).
 */
package io.taskbeam.pipelines.genetic;
