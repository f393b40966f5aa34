package io.taskbeam.pipelines.matmul;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the matrix multiplication program, next to taskbeam's and Beam's. */
public interface MatMulOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  // No @Default: Beam requires one default for a property name across every options interface
  // in the JVM, and cholesky's --n defaults to 2048. MatMulMain applies 1024.
  @Description(
      "Size of the generated square matrices A and B (ignored with --inputA/--inputB). "
          + "Default: 1024.")
  Integer getN();

  void setN(Integer value);

  @Description(
      "Block size: rows per task with --shape=rows, block edge with --shape=blocks. "
          + "Need not divide the matrix size.")
  @Default.Integer(256)
  int getBlockSize();

  void setBlockSize(int value);

  @Description(
      "rows: one task per band of rows of A, B shared (the PyCOMPSs seed); "
          + "blocks: C[i][j] += A[i][k] x B[k][j] per block (the COMPSs matmul).")
  @Default.String("blocks")
  String getShape();

  void setShape(String value);

  @Description(
      "With --shape=blocks: inout (an ordered chain per block of C) or commutative "
          + "(updates in any order).")
  @Default.String("inout")
  String getUpdate();

  void setUpdate(String value);

  @Description("Seed of the generated matrices.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Read A from this Matrix Market file (with --inputB).")
  String getInputA();

  void setInputA(String value);

  @Description("Read B from this Matrix Market file (with --inputA).")
  String getInputB();

  void setInputB(String value);

  @Description("Write C to this Matrix Market file (array format, readable by scipy.io.mmread).")
  String getOutput();

  void setOutput(String value);

  @Description("Compare C with a sequential EJML product and report the error.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
