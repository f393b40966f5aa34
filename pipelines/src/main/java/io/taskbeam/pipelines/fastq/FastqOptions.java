package io.taskbeam.pipelines.fastq;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the FASTQ statistics program, next to taskbeam's and Beam's. */
public interface FastqOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  @Description(
      "FASTQ files to analyse, separated by commas (4-line records, Phred+33). "
          + "Files ending in .gz are unpacked by a zcat binary task first. Without it, a task "
          + "generates --reads reads into --generated first.")
  String getInput();

  void setInput(String value);

  @Description("Reads to generate when there is no --input.")
  @Default.Integer(200_000)
  int getReads();

  void setReads(int value);

  @Description(
      "Where to write the generated reads. Default: taskbeam-reads.fastq in the "
          + "temporary directory.")
  String getGenerated();

  void setGenerated(String value);

  @Description("Seed of the generated reads.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("Byte ranges per file, one task each.")
  @Default.Integer(8)
  int getChunks();

  void setChunks(int value);

  @Description("Write the full report (with the length histogram) to this file.")
  String getOutput();

  void setOutput(String value);

  @Description("Compare with a sequential pass over each file in the driver.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
