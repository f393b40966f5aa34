/**
 * The Mandelbrot set as in the Parasnake example: the region from -2-1.5i to 1+1.5i on a 2048x2048
 * grid, at most 2048 iterations per pixel, one task per band of rows. Each task returns its band's
 * escape counts; the driver stacks the bands and colours them into a PNG. Bands near the middle of
 * the image cost far more than those at the edges (points inside the set run every iteration),
 * which is why the compiler's chunking matters here.
 */
package io.taskbeam.pipelines.mandelbrot;
