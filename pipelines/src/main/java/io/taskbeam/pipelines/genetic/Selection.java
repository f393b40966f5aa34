package io.taskbeam.pipelines.genetic;

import java.io.Serializable;

/**
 * The outcome of selecting on one generation: both parents of every slot of the next generation
 * (population-wide indices), and the fittest individual, which survives unchanged in slot 0.
 */
public record Selection(
    int generation, int[] firstParent, int[] secondParent, int fittest, double bestCost)
    implements Serializable {}
