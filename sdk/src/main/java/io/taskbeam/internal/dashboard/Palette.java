package io.taskbeam.internal.dashboard;

import java.util.Locale;

/**
 * One colour per task function, the same in the graph, the timeline, the legend and the live
 * dashboard. It lives here, the lowest layer that draws, so the report and the dashboard share it.
 */
public final class Palette {
  private static final String[] COLOURS = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8cd17d"
  };

  private Palette() {}

  /** The colour of the function at {@code index} in order of first submission. */
  public static String colour(int index) {
    if (index < COLOURS.length) {
      return COLOURS[index];
    }
    float hue = (index * 0.618034f) % 1f;
    java.awt.Color c = java.awt.Color.getHSBColor(hue, 0.55f, 0.85f);
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  /** {@code {r,g,b}}, Paraver's colour syntax. */
  public static String paraver(int index) {
    String hex = colour(index);
    return "{"
        + Integer.parseInt(hex.substring(1, 3), 16)
        + ","
        + Integer.parseInt(hex.substring(3, 5), 16)
        + ","
        + Integer.parseInt(hex.substring(5, 7), 16)
        + "}";
  }
}
