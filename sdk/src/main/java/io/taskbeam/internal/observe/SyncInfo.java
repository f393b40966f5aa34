package io.taskbeam.internal.observe;

import java.util.List;

/**
 * One sync point: its plan, its times on the driver's clock (epoch microseconds) and how it ended.
 *
 * @param startMicros when compilation began
 * @param runStartMicros when the pipeline was handed to the runner
 * @param endMicros when the runner returned
 * @param kept version key to producing task id, for the versions the driver keeps (the sync point's
 *     edges in the task graph)
 * @param error null when the pipeline finished
 */
public record SyncInfo(
    int sync,
    long startMicros,
    long runStartMicros,
    long endMicros,
    List<StageInfo> stages,
    List<TaskInfo.Input> kept,
    String error) {

  public int tasks() {
    return stages.stream().mapToInt(StageInfo::tasks).sum();
  }

  public int chunks() {
    return stages.stream().mapToInt(StageInfo::chunks).sum();
  }
}
