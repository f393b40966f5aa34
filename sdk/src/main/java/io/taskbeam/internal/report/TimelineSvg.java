package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.Palette;
import io.taskbeam.internal.observe.ChunkRun;
import io.taskbeam.internal.observe.RunRecord;
import io.taskbeam.internal.observe.SyncInfo;
import io.taskbeam.internal.observe.TaskRun;
import java.util.List;
import java.util.Locale;

/**
 * The timeline of the report: one row per worker thread, grouped by worker process, one bar per
 * task coloured by function (a tooltip names it), sync points on a driver row at the top, and a
 * time axis in seconds since the run started. Runs with more than {@link #MAX_BARS} tasks draw one
 * bar per chunk instead, so the page stays light.
 */
final class TimelineSvg {
  static final int MAX_BARS = 20_000;
  static final int WIDTH = 1100;
  static final int LABEL = 230;
  static final int ROW = 18;
  static final int AXIS = 24;

  private TimelineSvg() {}

  static String render(RunRecord record) {
    WorkerLayout layout = new WorkerLayout(record.chunkRuns());
    List<String> functions = record.functions();
    long[] range = range(record);
    long t0 = range[0];
    long span = Math.max(1, range[1] - range[0]);
    long offset = t0 - record.startMicros();
    int rows = 1 + layout.processes().size() + layout.laneCount();
    int height = AXIS + rows * ROW + 4;
    double plot = WIDTH - LABEL - 10;
    StringBuilder out = new StringBuilder();
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" font-family=\"Helvetica,Arial,sans-serif\" " + "font-size=\"11\">\n");
    axis(out, span, offset, plot, height);
    int y = AXIS;
    out.append(text(4, y + 13, "driver: sync points", "bold"));
    for (SyncInfo s : record.syncs()) {
      long from = Math.max(s.startMicros(), t0);
      long to = Math.min(s.endMicros(), t0 + span);
      if (to <= from) {
        continue;
      }
      double x = LABEL + (from - t0) * plot / span;
      double w = Math.max(1, (to - from) * plot / span);
      out.append(
          rect(
              x,
              y + 3,
              w,
              ROW - 6,
              s.error() == null ? "#999999" : "#e15759",
              "sync "
                  + s.sync()
                  + ": "
                  + s.tasks()
                  + " tasks, "
                  + seconds(s.endMicros() - s.startMicros())));
    }
    y += ROW;
    boolean chunksOnly = record.chunkRuns().stream().mapToInt(ChunkRun::taskCount).sum() > MAX_BARS;
    int[] laneY = new int[layout.laneCount() + 1];
    for (WorkerLayout.Process p : layout.processes()) {
      out.append("<line x1=\"0\" x2=\"")
          .append(WIDTH)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#cccccc\"/>\n");
      out.append(text(4, y + 13, p.name(), "bold"));
      y += ROW;
      for (WorkerLayout.Lane lane : p.lanes()) {
        laneY[lane.global()] = y;
        out.append(text(14, y + 13, clip(lane.name(), 34), null));
        out.append("<rect class=\"lane\" x=\"")
            .append(LABEL)
            .append("\" y=\"")
            .append(y + 2)
            .append("\" width=\"")
            .append((int) plot)
            .append("\" height=\"")
            .append(ROW - 4)
            .append("\" fill=\"#f2f5f9\"/>\n");
        y += ROW;
      }
    }
    for (ChunkRun run : record.chunkRuns()) {
      int ly = laneY[layout.lane(run.worker()).global()];
      if (chunksOnly) {
        String fn = run.tasks().isEmpty() ? "" : run.tasks().get(0).function();
        out.append(
            bar(
                run.startMicros(),
                run.endMicros(),
                t0,
                span,
                plot,
                ly,
                Palette.colour(Math.max(0, functions.indexOf(fn))),
                "chunk "
                    + run.chunk()
                    + " of stage "
                    + run.stage()
                    + " (sync "
                    + run.sync()
                    + "): "
                    + run.taskCount()
                    + " tasks, "
                    + seconds(run.endMicros() - run.startMicros())));
        continue;
      }
      for (TaskRun t : run.tasks()) {
        String colour =
            t.outcome().failed() ? "#d62728" : Palette.colour(functions.indexOf(t.function()));
        out.append(
            bar(
                t.startMicros(),
                t.endMicros(),
                t0,
                span,
                plot,
                ly,
                colour,
                t.task()
                    + " (sync "
                    + run.sync()
                    + ", stage "
                    + run.stage()
                    + ", chunk "
                    + run.chunk()
                    + "): "
                    + seconds(t.durationMicros())
                    + ", "
                    + t.outcome()));
      }
    }
    out.append("</svg>\n");
    return out.toString();
  }

  /**
   * The time range drawn: the chunks' span with a small margin, so the runner's start-up before the
   * first chunk (seconds on a fresh DirectRunner) does not squeeze the tasks; the whole run when
   * nothing ran.
   */
  static long[] range(RunRecord record) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (ChunkRun run : record.chunkRuns()) {
      first = Math.min(first, run.startMicros());
      last = Math.max(last, run.endMicros());
    }
    if (first == Long.MAX_VALUE) {
      return new long[] {record.startMicros(), record.endMicros()};
    }
    long margin = Math.max(1, (last - first) / 50);
    return new long[] {
      Math.max(record.startMicros(), first - margin),
      Math.min(Math.max(record.endMicros(), last), last + margin)
    };
  }

  /** Grid lines and labels in seconds since the run started. */
  private static void axis(StringBuilder out, long span, long offset, double plot, int height) {
    double step = niceStep(span / 1e6 / 8);
    double firstTick = Math.ceil(offset / 1e6 / step) * step;
    for (double s = firstTick; s <= (offset + span) / 1e6 + 1e-9; s += step) {
      double x = LABEL + (s * 1e6 - offset) * plot / span;
      out.append("<line x1=\"")
          .append(fmt(x))
          .append("\" x2=\"")
          .append(fmt(x))
          .append("\" y1=\"")
          .append(AXIS - 4)
          .append("\" y2=\"")
          .append(height)
          .append("\" stroke=\"#e0e0e0\"/>\n");
      out.append(text(x + 2, AXIS - 8, trim(s) + " s", null));
    }
  }

  private static String bar(
      long start, long end, long t0, long span, double plot, int y, String colour, String title) {
    double x = LABEL + (start - t0) * plot / span;
    double w = Math.max(1.0, (end - start) * plot / span);
    return rect(x, y + 3, w, ROW - 6, colour, title);
  }

  private static String rect(double x, double y, double w, double h, String fill, String title) {
    return "<rect class=\"task\" x=\""
        + fmt(x)
        + "\" y=\""
        + fmt(y)
        + "\" width=\""
        + fmt(w)
        + "\" height=\""
        + fmt(h)
        + "\" fill=\""
        + fill
        + "\"><title>"
        + Html.escape(title)
        + "</title></rect>\n";
  }

  private static String text(double x, double y, String s, String weight) {
    return "<text x=\""
        + fmt(x)
        + "\" y=\""
        + fmt(y)
        + "\""
        + (weight == null ? "" : " font-weight=\"" + weight + "\"")
        + ">"
        + Html.escape(s)
        + "</text>\n";
  }

  static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String seconds(long micros) {
    return micros < 1_000_000
        ? String.format(Locale.ROOT, "%.1f ms", micros / 1e3)
        : String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }

  private static String trim(double s) {
    String t = String.format(Locale.ROOT, "%.3f", s);
    return t.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
