package io.taskbeam.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The option every application with an output file shares. */
public interface OutputOptions extends PipelineOptions {
  @Description(
      "Replace the --output file if it exists (without this the program refuses, before "
          + "computing anything).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);
}
