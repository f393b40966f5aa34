package io.taskbeam.pipelines.genetic;

import io.taskbeam.Task;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The genetic operators as tasks. A fragment is a matrix with one individual per row. Random draws
 * come from {@link #random}, keyed by generation and slot, so results do not depend on how the
 * population is split.
 */
public final class Operators {
  private Operators() {}

  /** The random source of one (generation, slot); slot -1 is the selection of a generation. */
  static SplittableRandom random(long seed, int generation, int slot) {
    long key = seed * 0x9E3779B97F4A7C15L + generation;
    return new SplittableRandom(key * 0x9E3779B97F4A7C15L + slot);
  }

  /** The first generation's individuals of fragment {@code f}, uniform in the search space. */
  @Task
  static DMatrixRMaj initial(GaSettings s, int f) {
    DMatrixRMaj fragment = new DMatrixRMaj(s.first(f + 1) - s.first(f), s.genes());
    for (int row = 0; row < fragment.numRows; row++) {
      SplittableRandom random = random(s.seed(), 0, s.first(f) + row);
      for (int g = 0; g < s.genes(); g++) {
        fragment.unsafe_set(row, g, random.nextDouble(-GaSettings.LIMIT, GaSettings.LIMIT));
      }
    }
    return fragment;
  }

  /** Rastrigin cost of every individual of a fragment. */
  @Task
  static double[] fitness(DMatrixRMaj fragment) {
    double[] costs = new double[fragment.numRows];
    for (int row = 0; row < fragment.numRows; row++) {
      double cost = 10.0 * fragment.numCols;
      for (int g = 0; g < fragment.numCols; g++) {
        double x = fragment.unsafe_get(row, g);
        cost += x * x - 10 * Math.cos(2 * Math.PI * x);
      }
      costs[row] = cost;
    }
    return costs;
  }

  /** Tournament selection over the costs of all fragments, in population order. */
  @Task
  static Selection select(List<double[]> costs, GaSettings s, int generation) {
    double[] all = new double[s.population()];
    int at = 0;
    for (double[] part : costs) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    int fittest = 0;
    for (int i = 1; i < all.length; i++) {
      fittest = all[i] < all[fittest] ? i : fittest;
    }
    SplittableRandom random = random(s.seed(), generation, -1);
    int[] first = new int[all.length];
    int[] second = new int[all.length];
    for (int slot = 0; slot < all.length; slot++) {
      first[slot] = tournament(all, s.tournament(), random);
      second[slot] = tournament(all, s.tournament(), random);
    }
    return new Selection(generation, first, second, fittest, all[fittest]);
  }

  private static int tournament(double[] costs, int size, SplittableRandom random) {
    int best = random.nextInt(costs.length);
    for (int i = 1; i < size; i++) {
      int other = random.nextInt(costs.length);
      best = costs[other] < costs[best] ? other : best;
    }
    return best;
  }

  /**
   * Fragment {@code f} of the next generation: slot 0 keeps the fittest individual, every other
   * slot is a child of its two parents (uniform crossover, then Gaussian mutation).
   */
  @Task
  static DMatrixRMaj breed(List<DMatrixRMaj> population, Selection selection, int f, GaSettings s) {
    DMatrixRMaj next = new DMatrixRMaj(s.first(f + 1) - s.first(f), s.genes());
    for (int row = 0; row < next.numRows; row++) {
      int slot = s.first(f) + row;
      int parent = slot == 0 ? selection.fittest() : selection.firstParent()[slot];
      double[] a = genes(population, parent);
      double[] b = genes(population, selection.secondParent()[slot]);
      SplittableRandom random = random(s.seed(), selection.generation() + 1, slot);
      boolean mix = slot > 0 && random.nextDouble() < s.crossover();
      for (int g = 0; g < s.genes(); g++) {
        double gene = mix && random.nextBoolean() ? b[g] : a[g];
        if (slot > 0 && random.nextDouble() < s.mutation()) {
          gene += s.mutationScale() * gaussian(random);
          gene = Math.max(-GaSettings.LIMIT, Math.min(GaSettings.LIMIT, gene));
        }
        next.unsafe_set(row, g, gene);
      }
    }
    return next;
  }

  /** The fittest individual of a generation, with its cost. */
  @Task
  static Individual fittest(List<DMatrixRMaj> population, Selection selection) {
    return new Individual(genes(population, selection.fittest()), selection.bestCost());
  }

  /** Genes of the individual at population-wide index {@code i}, whatever the fragments. */
  static double[] genes(List<DMatrixRMaj> population, int i) {
    for (DMatrixRMaj fragment : population) {
      if (i < fragment.numRows) {
        double[] genes = new double[fragment.numCols];
        System.arraycopy(fragment.data, i * fragment.numCols, genes, 0, genes.length);
        return genes;
      }
      i -= fragment.numRows;
    }
    throw new IndexOutOfBoundsException("no individual " + i);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
