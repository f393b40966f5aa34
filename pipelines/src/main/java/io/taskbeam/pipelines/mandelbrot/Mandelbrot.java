package io.taskbeam.pipelines.mandelbrot;

import io.taskbeam.Task;
import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;

/** The escape counts of every pixel, one task per band of rows. */
public final class Mandelbrot {
  private Mandelbrot() {}

  /** Iterations before z -> z^2 + c leaves the circle of radius 2; maxIterations if never. */
  static int escape(double cr, double ci, int maxIterations) {
    double x = 0;
    double y = 0;
    int i = 0;
    while (i < maxIterations) {
      double x2 = x * x;
      double y2 = y * y;
      if (x2 + y2 > 4) {
        break;
      }
      y = 2 * x * y + ci;
      x = x2 - y2 + cr;
      i++;
    }
    return i;
  }

  @Task
  static int[] band(Region region, int firstRow, int rows) {
    int[] counts = new int[rows * region.width()];
    for (int r = 0; r < rows; r++) {
      double ci = region.im(firstRow + r);
      for (int c = 0; c < region.width(); c++) {
        counts[r * region.width() + c] = escape(region.re(c), ci, region.maxIterations());
      }
    }
    return counts;
  }

  /** Row-major escape counts of the whole image, computed in {@code bands} tasks. */
  public static int[] compute(TaskBeam tb, Region region, int bands) {
    List<TaskFuture<int[]>> parts = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      int first = (int) ((long) b * region.height() / bands);
      int next = (int) ((long) (b + 1) * region.height() / bands);
      parts.add(tb.submit(Mandelbrot::band, region, first, next - first));
    }
    int[] image = new int[region.width() * region.height()];
    int at = 0;
    for (int[] part : tb.waitOn(parts)) {
      System.arraycopy(part, 0, image, at, part.length);
      at += part.length;
    }
    return image;
  }
}
