package io.taskbeam.pipelines.genetic;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the genetic algorithm program, next to taskbeam's and Beam's. */
public interface GeneticOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  @Description("Individuals per generation.")
  @Default.Integer(400)
  int getPopulation();

  void setPopulation(int value);

  @Description("Genes per individual: the dimension of the Rastrigin function minimised.")
  @Default.Integer(16)
  int getGenes();

  void setGenes(int value);

  @Description(
      "Fragments the population is split into: one fitness and one breeding task each "
          + "per generation.")
  @Default.Integer(8)
  int getFragments();

  void setFragments(int value);

  @Description("Generations to evolve.")
  @Default.Integer(50)
  int getGenerations();

  void setGenerations(int value);

  @Description(
      "Generations submitted between two sync points. One per sync point is fastest "
          + "on the DirectRunner, whose cost per stage grows with the size of the pipeline.")
  @Default.Integer(1)
  int getGenerationsPerSync();

  void setGenerationsPerSync(int value);

  @Description("Individuals compared in each tournament that picks a parent.")
  @Default.Integer(3)
  int getTournament();

  void setTournament(int value);

  @Description("Probability that a child mixes its two parents.")
  @Default.Double(0.9)
  double getCrossover();

  void setCrossover(double value);

  @Description("Probability that a gene of a child is perturbed.")
  @Default.Double(0.1)
  double getMutation();

  void setMutation(double value);

  @Description("Standard deviation of a perturbation.")
  @Default.Double(0.3)
  double getMutationScale();

  void setMutationScale(double value);

  @Description("Seed of every random draw: the same seed gives the same best individual.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Write the best individual to this CSV file (cost, then the genes).")
  String getOutput();

  void setOutput(String value);

  @Description("Compare with the sequential run of the same operators.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
