package io.taskbeam.pipelines.mandelbrot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Escape counts to an RGB picture: the set black, the outside shaded by log(count). */
final class Colouring {
  private Colouring() {}

  static BufferedImage image(int[] counts, Region region) {
    BufferedImage image =
        new BufferedImage(region.width(), region.height(), BufferedImage.TYPE_INT_RGB);
    double scale = Math.log(region.maxIterations() + 1.0);
    for (int row = 0; row < region.height(); row++) {
      for (int col = 0; col < region.width(); col++) {
        int n = counts[row * region.width() + col];
        int rgb = 0;
        if (n < region.maxIterations()) {
          float t = (float) (Math.log(n + 1.0) / scale);
          rgb = Color.HSBtoRGB(0.62f + 0.9f * t, 0.85f, Math.min(1f, 0.25f + 1.2f * t));
        }
        image.setRGB(col, row, rgb & 0xffffff);
      }
    }
    return image;
  }
}
