package io.taskbeam.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run's {@code trace.json} (one event per line, written by the SDK when a session closes)
 * says about where the time went on the workers' side: the chunks' window per sync point, the task
 * functions' time by the workers' own clocks, and the bytes the chunks read and wrote.
 *
 * @param windowSeconds sum over sync points of first chunk start to last chunk end
 * @param taskSeconds sum of every task span
 * @param workerBytes sum of the chunks' {@code bytesRead} and {@code bytesWritten}
 * @param chunks chunk runs
 * @param workers distinct worker processes that ran chunks
 */
public record TraceCosts(
    double windowSeconds, double taskSeconds, double workerBytes, int chunks, int workers) {

  private static final Pattern PH = Pattern.compile("\"ph\":\"([BE])\"");
  private static final Pattern CAT = Pattern.compile("\"cat\":\"([^\"]*)\"");
  private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");
  private static final Pattern TID = Pattern.compile("\"tid\":(\\d+)");
  private static final Pattern TS = Pattern.compile("\"ts\":(-?\\d+)");
  private static final Pattern SYNC = Pattern.compile("\"sync\":(\\d+)");
  private static final Pattern READ = Pattern.compile("\"bytesRead\":(\\d+)");
  private static final Pattern WRITTEN = Pattern.compile("\"bytesWritten\":(\\d+)");

  public static TraceCosts read(Path traceJson) throws IOException {
    if (!Files.isRegularFile(traceJson)) {
      throw new IOException("scaling: no trace at " + traceJson + " (was --observe turned off?)");
    }
    return parse(Files.readAllLines(traceJson));
  }

  /** The costs in the lines of a trace; begin and end events pair up per process and thread. */
  public static TraceCosts parse(List<String> lines) {
    Map<String, Deque<long[]>> open = new HashMap<>(); // pid/tid -> stack of {ts, sync, isChunk}
    Map<Long, long[]> windows = new HashMap<>(); // sync -> {first start, last end}
    Set<Long> workers = new HashSet<>();
    long taskMicros = 0;
    double bytes = 0;
    int chunks = 0;
    for (String line : lines) {
      Matcher ph = PH.matcher(line);
      if (!ph.find()) {
        continue;
      }
      long pid = number(PID, line, -1);
      if (pid <= 0) {
        continue; // the driver's own spans (pid 0) and metadata
      }
      String thread = pid + "/" + number(TID, line, 0);
      long ts = number(TS, line, 0);
      Deque<long[]> stack = open.computeIfAbsent(thread, t -> new ArrayDeque<>());
      if (ph.group(1).equals("B")) {
        Matcher cat = CAT.matcher(line);
        boolean chunk = cat.find() && cat.group(1).equals("chunk");
        long sync = number(SYNC, line, 0);
        stack.push(new long[] {ts, sync, chunk ? 1 : 0});
        if (chunk) {
          bytes += number(READ, line, 0) + number(WRITTEN, line, 0);
          chunks++;
          workers.add(pid);
        }
      } else if (!stack.isEmpty()) {
        long[] begin = stack.pop();
        if (begin[2] == 1) {
          long[] w = windows.computeIfAbsent(begin[1], s -> new long[] {Long.MAX_VALUE, 0});
          w[0] = Math.min(w[0], begin[0]);
          w[1] = Math.max(w[1], ts);
        } else {
          taskMicros += ts - begin[0];
        }
      }
    }
    long windowMicros = 0;
    for (long[] w : windows.values()) {
      windowMicros += Math.max(0, w[1] - w[0]);
    }
    return new TraceCosts(windowMicros / 1e6, taskMicros / 1e6, bytes, chunks, workers.size());
  }

  private static long number(Pattern p, String line, long otherwise) {
    Matcher m = p.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : otherwise;
  }
}
