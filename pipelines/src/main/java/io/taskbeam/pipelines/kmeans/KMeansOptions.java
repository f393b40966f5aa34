package io.taskbeam.pipelines.kmeans;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the k-means program, next to taskbeam's and Beam's. */
public interface KMeansOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  @Description("Points to generate (ignored with --input).")
  @Default.Integer(200_000)
  int getPoints();

  void setPoints(int value);

  @Description("Dimensions of the generated points (ignored with --input).")
  @Default.Integer(3)
  int getDims();

  void setDims(int value);

  @Description("Clusters.")
  @Default.Integer(4)
  int getK();

  void setK(int value);

  @Description("Fragments the points are split into, one partial-sum task each per iteration.")
  @Default.Integer(8)
  int getFragments();

  void setFragments(int value);

  @Description("Seed of the generated points and of the initial centroids.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Read the points from this CSV file (one point per line); the initial centroids "
          + "are its first k points.")
  String getInput();

  void setInput(String value);

  @Description("Stop when no centroid moves more than this.")
  @Default.Double(1e-6)
  double getEpsilon();

  void setEpsilon(double value);

  // No @Default: mandelbrot's --maxIterations has another, and Beam wants one per name.
  @Description("Stop after this many iterations at the latest. Default: 30.")
  Integer getMaxIterations();

  void setMaxIterations(Integer value);

  @Description("Write the centroids to this CSV file, one per line.")
  String getOutput();

  void setOutput(String value);

  @Description("Compare with a sequential Lloyd's run from the same initial centroids.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
