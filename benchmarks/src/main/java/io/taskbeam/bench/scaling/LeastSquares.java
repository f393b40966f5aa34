package io.taskbeam.bench.scaling;

import java.util.Arrays;
import java.util.List;

/**
 * Ordinary least squares without an intercept of its own (give a column of ones for one), with
 * coefficients kept non-negative: a cost constant below zero has no meaning, so a regressor whose
 * coefficient comes out negative is dropped (fixed at 0) and the rest refitted, until all are
 * {@code >= 0}. Small dense problems only (a handful of columns), solved by the normal equations
 * with partial pivoting.
 *
 * <pre>{@code
 * LeastSquares.Fit f = LeastSquares.fit(List.of(new double[] {1, 2}, new double[] {1, 4}), new double[] {5, 9});
 * f.coefficients(); // {1, 2}: y = 1 + 2 x
 * }</pre>
 */
public final class LeastSquares {
  private LeastSquares() {}

  /**
   * The fitted coefficients, their standard errors (0 for a dropped regressor, or when the fit has
   * no degree of freedom left) and the residual sum of squares.
   */
  public record Fit(double[] coefficients, double[] standardErrors, double rss) {
    /** The fitted value for one row of regressors. */
    public double predict(double[] row) {
      double y = 0;
      for (int j = 0; j < row.length; j++) {
        y += coefficients[j] * row[j];
      }
      return y;
    }
  }

  /** Fits {@code y ~ rows * beta} with {@code beta >= 0}; every row has the same length. */
  public static Fit fit(List<double[]> rows, double[] y) {
    if (rows.isEmpty() || rows.size() != y.length) {
      throw new IllegalArgumentException(
          "least squares needs one y per row, got " + rows.size() + " rows and " + y.length);
    }
    int k = rows.get(0).length;
    boolean[] active = new boolean[k];
    Arrays.fill(active, true);
    while (true) {
      double[] beta = solve(rows, y, active);
      int worst = -1;
      for (int j = 0; j < k; j++) {
        if (active[j] && beta[j] < 0 && (worst < 0 || beta[j] < beta[worst])) {
          worst = j;
        }
      }
      if (worst < 0) {
        return withErrors(rows, y, active, beta);
      }
      active[worst] = false;
    }
  }

  private static Fit withErrors(List<double[]> rows, double[] y, boolean[] active, double[] beta) {
    int k = beta.length;
    double rss = 0;
    for (int i = 0; i < rows.size(); i++) {
      double r = y[i] - new Fit(beta, new double[k], 0).predict(rows.get(i));
      rss += r * r;
    }
    int used = 0;
    for (boolean a : active) {
      used += a ? 1 : 0;
    }
    double[] se = new double[k];
    int dof = rows.size() - used;
    if (dof > 0 && used > 0) {
      double sigma2 = rss / dof;
      double[][] inverse = invert(normal(rows, active));
      int[] index = indexOf(active);
      for (int a = 0; a < index.length; a++) {
        se[index[a]] = Math.sqrt(Math.max(0, sigma2 * inverse[a][a]));
      }
    }
    return new Fit(beta, se, rss);
  }

  /** The coefficients of the active columns by the normal equations; inactive ones are 0. */
  private static double[] solve(List<double[]> rows, double[] y, boolean[] active) {
    int[] index = indexOf(active);
    double[] beta = new double[active.length];
    if (index.length == 0) {
      return beta;
    }
    double[][] a = normal(rows, active);
    double[] b = new double[index.length];
    for (int i = 0; i < rows.size(); i++) {
      for (int p = 0; p < index.length; p++) {
        b[p] += rows.get(i)[index[p]] * y[i];
      }
    }
    double[][] inverse = invert(a);
    for (int p = 0; p < index.length; p++) {
      double s = 0;
      for (int q = 0; q < index.length; q++) {
        s += inverse[p][q] * b[q];
      }
      beta[index[p]] = s;
    }
    return beta;
  }

  private static int[] indexOf(boolean[] active) {
    return java.util.stream.IntStream.range(0, active.length).filter(j -> active[j]).toArray();
  }

  /** X'X over the active columns. */
  private static double[][] normal(List<double[]> rows, boolean[] active) {
    int[] index = indexOf(active);
    double[][] a = new double[index.length][index.length];
    for (double[] row : rows) {
      for (int p = 0; p < index.length; p++) {
        for (int q = 0; q < index.length; q++) {
          a[p][q] += row[index[p]] * row[index[q]];
        }
      }
    }
    return a;
  }

  /** Gauss-Jordan inverse with partial pivoting, on a copy scaled by the diagonal. */
  static double[][] invert(double[][] matrix) {
    int n = matrix.length;
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = matrix[i][i] > 0 ? 1 / Math.sqrt(matrix[i][i]) : 1;
    }
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = matrix[i][j] * scale[i] * scale[j];
      }
      a[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException(
            "least squares: the regressors are linearly dependent (column " + col + ")");
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      double d = a[col][col];
      for (int j = 0; j < 2 * n; j++) {
        a[col][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != col && a[r][col] != 0) {
          double f = a[r][col];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[col][j];
          }
        }
      }
    }
    double[][] inverse = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        inverse[i][j] = a[i][n + j] * scale[i] * scale[j];
      }
    }
    return inverse;
  }
}
