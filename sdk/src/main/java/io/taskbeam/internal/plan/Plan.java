package io.taskbeam.internal.plan;

import io.taskbeam.internal.data.DriverValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync point runs: the stages in dependency order, the program-supplied values to write to
 * the work directory first ({@code driverFiles}: version key to bundle path), and where each
 * version the driver keeps will be stored ({@code stored}: version key to bundle). {@code eventDir}
 * is where chunks leave their task events, or null when nobody observes.
 */
public record Plan(
    List<Stage> stages,
    Map<String, String> driverFiles,
    Map<String, String> stored,
    String eventDir) {

  public int taskCount() {
    return stages.stream().mapToInt(Stage::taskCount).sum();
  }

  /**
   * Bytes of program values the plan carries inside the job: arguments inlined in chunks (once per
   * chunk) and side inputs supplied by the driver. Values stored in the work directory are not
   * counted; they travel as references.
   */
  public long inlineBytes() {
    long bytes = 0;
    for (Stage s : stages) {
      for (DriverValue value : s.driverSide().values()) {
        bytes += value.inlineBytes();
      }
      for (ChunkSpec chunk : s.chunks()) {
        Set<String> seen = new HashSet<>();
        for (CallSpec call : chunk.calls()) {
          for (ArgSource arg : call.args()) {
            if (arg.kind() == ArgSource.Kind.INLINE && seen.add(arg.key())) {
              bytes += arg.inline().length;
            }
          }
        }
      }
    }
    return bytes;
  }

  /**
   * A readable listing, one line per stage; used by tests and --explain. {@code from=} names the
   * stages whose values it reads through its main input, {@code after=} those it only waits for
   * (priority stages, see package-info).
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Stage s : stages) {
      out.append("stage ")
          .append(s.index())
          .append(' ')
          .append(s.name())
          .append(" depth=")
          .append(s.depth())
          .append(" tasks=")
          .append(s.taskCount())
          .append(" chunks=")
          .append(s.chunks().size());
      if (s.function().priority()) {
        out.append(" priority");
      }
      if (!s.sideInputs().isEmpty()) {
        out.append(" side=").append(s.sideInputs().keySet());
      }
      List<Integer> from = new ArrayList<>();
      List<Integer> after = new ArrayList<>();
      s.mainRoutes().forEach((stage, keys) -> (keys.isEmpty() ? after : from).add(stage));
      if (!from.isEmpty()) {
        out.append(" from=").append(from);
      }
      if (!after.isEmpty()) {
        out.append(" after=").append(after);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
