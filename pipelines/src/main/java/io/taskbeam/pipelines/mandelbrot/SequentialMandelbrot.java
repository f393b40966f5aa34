package io.taskbeam.pipelines.mandelbrot;

/** The reference: every pixel in one loop over the image, no tasks. */
public final class SequentialMandelbrot {
  private SequentialMandelbrot() {}

  /** Row-major escape counts of the whole image. */
  public static int[] image(Region region) {
    int[] image = new int[region.width() * region.height()];
    for (int row = 0; row < region.height(); row++) {
      for (int col = 0; col < region.width(); col++) {
        image[row * region.width() + col] =
            Mandelbrot.escape(region.re(col), region.im(row), region.maxIterations());
      }
    }
    return image;
  }
}
