package io.taskbeam.pipelines.cholesky;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the Cholesky program, next to taskbeam's and Beam's. */
public interface CholeskyOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  // No @Default: matmul's --n defaults to 1024 and Beam wants one default per property name.
  @Description(
      "Size of the generated symmetric positive definite matrix (ignored with "
          + "--input). Default: 2048.")
  Integer getN();

  void setN(Integer value);

  @Description("Edge of the square blocks; need not divide the matrix size.")
  @Default.Integer(256)
  int getBlockSize();

  void setBlockSize(int value);

  @Description("Seed of the generated matrix.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Read A from this Matrix Market file (general or symmetric, as scipy writes).")
  String getInput();

  void setInput(String value);

  @Description("Write L to this Matrix Market file (array format).")
  String getOutput();

  void setOutput(String value);

  @Description(
      "Check ||L L^T - A||_F / ||A||_F and compare with a sequential EJML " + "factorisation.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
