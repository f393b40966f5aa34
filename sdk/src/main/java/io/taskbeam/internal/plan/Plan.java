package io.taskbeam.internal.plan;

import java.util.List;
import java.util.Map;

/**
 * What one sync point runs: the stages in dependency order, the program-supplied values to
 * write to the work directory first ({@code driverFiles}: version key to bundle path), and
 * where each version the driver keeps will be stored ({@code stored}: version key to bundle).
 */
public record Plan(List<Stage> stages, Map<String, String> driverFiles,
    Map<String, String> stored) {

  public int taskCount() {
    return stages.stream().mapToInt(Stage::taskCount).sum();
  }

  /** A readable listing: one line per stage, then its chunks; used by tests and --explain. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Stage s : stages) {
      out.append("stage ").append(s.index()).append(' ').append(s.name())
          .append(" depth=").append(s.depth())
          .append(" tasks=").append(s.taskCount())
          .append(" chunks=").append(s.chunks().size());
      if (!s.sideInputs().isEmpty()) {
        out.append(" side=").append(s.sideInputs().keySet());
      }
      if (!s.mainRoutes().isEmpty()) {
        out.append(" from=").append(s.mainRoutes().keySet());
      }
      out.append('\n');
    }
    return out.toString();
  }
}
