package io.taskbeam;

import static io.taskbeam.Direction.INOUT;

/** Task methods of six parameters, for {@link ArityTest}. */
public final class ArityTasks {
  private ArityTasks() {}

  @Task
  static long six(int a, int b, int c, int d, int e, int f) {
    return a + 10L * b + 100L * c + 1000L * d + 10000L * e + 100000L * f;
  }

  @Task
  static void sixInto(int a, int b, int c, int d, int e, @Param(INOUT) long[] out) {
    out[0] = a + 10L * b + 100L * c + 1000L * d + 10000L * e;
  }

  @Task
  static int scale(int x, int k) {
    return x * k;
  }

  @Task
  static long seven(int a, int b, int c, int d, int e, int f, int g) {
    return a + b + c + d + e + f + g;
  }
}
