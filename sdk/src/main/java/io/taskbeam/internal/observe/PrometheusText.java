package io.taskbeam.internal.observe;

import java.util.Locale;
import java.util.Map;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): {@code # HELP} and {@code # TYPE}
 * once per metric family, then one sample per line with its labels.
 *
 * <pre>
 * # HELP taskbeam_tasks_finished_total Tasks that ended normally.
 * # TYPE taskbeam_tasks_finished_total counter
 * taskbeam_tasks_finished_total{app="matmul",function="multiplyAccumulate"} 64
 * </pre>
 */
public final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  /** Starts a metric family. */
  public PrometheusText family(String name, String type, String help) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; labels in the map's order. */
  public PrometheusText sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.9g", v)
        .replaceAll("0+(e|$)", "$1")
        .replaceAll("\\.(e|$)", "$1");
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
