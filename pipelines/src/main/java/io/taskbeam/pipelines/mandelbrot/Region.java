package io.taskbeam.pipelines.mandelbrot;

import java.io.Serializable;

/**
 * The part of the complex plane drawn and the grid laid over it: pixel (row, col) stands for {@code
 * re = reMin + (reMax - reMin) * col / width}, {@code im = imMax - (imMax - imMin) * row / height},
 * so row 0 is the top of the image.
 */
public record Region(
    double reMin,
    double imMin,
    double reMax,
    double imMax,
    int width,
    int height,
    int maxIterations)
    implements Serializable {

  /** The Parasnake example's picture. */
  public static Region parasnake(int width, int height, int maxIterations) {
    return new Region(-2, -1.5, 1, 1.5, width, height, maxIterations);
  }

  double re(int col) {
    return reMin + (reMax - reMin) * col / width;
  }

  double im(int row) {
    return imMax - (imMax - imMin) * row / height;
  }
}
