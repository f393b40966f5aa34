package io.taskbeam.pipelines.mandelbrot;

import io.taskbeam.TaskBeamOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the Mandelbrot program, next to taskbeam's and Beam's. */
public interface MandelbrotOptions extends TaskBeamOptions, io.taskbeam.pipelines.OutputOptions {
  @Description("Image width in pixels.")
  @Default.Integer(2048)
  int getWidth();

  void setWidth(int value);

  @Description("Image height in pixels.")
  @Default.Integer(2048)
  int getHeight();

  void setHeight(int value);

  // No @Default here and on --output: other applications' options of the same names have
  // other defaults, and Beam wants one per name. MandelbrotMain applies them.
  @Description("Iterations after which a point counts as inside the set. Default: 2048.")
  Integer getMaxIterations();

  void setMaxIterations(Integer value);

  @Description("Bands of rows, one task each (at most the height).")
  @Default.Integer(64)
  int getBands();

  void setBands(int value);

  @Description("Write the picture to this PNG file. Default: mandelbrot.png.")
  String getOutput();

  void setOutput(String value);

  @Description("Compare every pixel with a sequential run in the driver.")
  @Default.Boolean(true)
  boolean getVerify();

  void setVerify(boolean value);
}
