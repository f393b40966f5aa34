package io.taskbeam.internal.beam;

import io.taskbeam.TaskFailedException;
import io.taskbeam.internal.exec.ChunkRunner;
import io.taskbeam.internal.observe.ChunkRecorder;
import io.taskbeam.internal.observe.FailureLog;
import io.taskbeam.internal.plan.ChunkSpec;
import io.taskbeam.internal.plan.Plan;
import io.taskbeam.internal.plan.Stage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * One plan run by a {@link LongLivedJob}: its stages' chunks go to the job's queue as soon as the
 * stages they read from have ended (a stage reads the values of earlier stages through its main
 * input and its side input, as in the pipeline {@link PipelineBuilder} lays out), and the values a
 * stage emits are handed to the chunks of later stages that read them. A chunk's failure stops the
 * plan: chunks not started yet are skipped, the running ones end, and the program's thread gets the
 * failure, as from a pipeline that failed.
 */
final class PlanDispatch {
  private final Plan plan;
  private final Queue<ChunkQueues.Work> queue;

  /** Chunks still to end, per stage. */
  private final int[] chunksLeft;

  private final boolean[] dispatched;

  /** The stages each stage reads from (main input, side input or only waits for). */
  private final int[][] producers;

  private final Map<String, Object> emitted = new HashMap<>();
  private int stagesLeft;

  /** Chunks queued or running. */
  private int inQueue;

  private Throwable failure;

  PlanDispatch(Plan plan, Queue<ChunkQueues.Work> queue) {
    this.plan = plan;
    this.queue = queue;
    int stages = plan.stages().size();
    this.chunksLeft = new int[stages];
    this.dispatched = new boolean[stages];
    this.producers = new int[stages][];
    for (Stage stage : plan.stages()) {
      chunksLeft[stage.index()] = stage.chunks().size();
      Set<Integer> from = new HashSet<>(stage.mainRoutes().keySet());
      from.addAll(stage.sideInputs().values());
      from.remove(Stage.DRIVER);
      producers[stage.index()] = from.stream().mapToInt(Integer::intValue).toArray();
    }
    this.stagesLeft = stages;
  }

  /** Queues the stages that read nothing from other stages; then the rest as they become ready. */
  synchronized void start() {
    dispatchReady();
  }

  /**
   * Waits until every stage ended, or until the chunks running when one failed ended; then throws
   * that failure as the program sees a task's failure from a pipeline.
   */
  synchronized void await() {
    try {
      while (failure == null ? stagesLeft > 0 : inQueue > 0) {
        wait();
      }
    } catch (InterruptedException e) {
      failure = failure == null ? e : failure; // chunks not started yet are skipped
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while its job ran", e);
    }
    if (failure instanceof TaskFailedException task) {
      throw FailureLog.withOrigin(
          new TaskFailedException(task.taskName(), task.getMessage(), task.getCause()), task);
    }
    if (failure != null) {
      throw new IllegalStateException(
          "the pipeline failed: " + BeamRunner.rootMessage(failure), failure);
    }
  }

  /** The job's workers are gone ({@code why}): nothing queued will run. */
  synchronized void abandon(Throwable why) {
    if (stagesLeft > 0 && failure == null) {
      failure = why;
    }
    inQueue = 0;
    notifyAll();
  }

  synchronized boolean ended() {
    return failure == null ? stagesLeft == 0 : inQueue == 0;
  }

  private void dispatchReady() {
    for (Stage stage : plan.stages()) {
      if (!dispatched[stage.index()] && readsOnlyEnded(stage)) {
        dispatched[stage.index()] = true;
        if (stage.chunks().isEmpty()) {
          stageEnded();
          continue;
        }
        Map<String, Object> side = stage.sideValues(emitted::get);
        for (ChunkSpec chunk : stage.chunks()) {
          Map<String, Object> main = stage.routedTo(chunk, emitted::get);
          inQueue++;
          queue.add(loader -> run(chunk, main, side, loader));
        }
      }
    }
  }

  private boolean readsOnlyEnded(Stage stage) {
    for (int producer : producers[stage.index()]) {
      if (chunksLeft[producer] > 0 || !dispatched[producer]) {
        return false;
      }
    }
    return true;
  }

  /** On a worker's thread: runs one chunk unless the plan failed meanwhile. */
  private void run(
      ChunkSpec chunk, Map<String, Object> main, Map<String, Object> side, ClassLoader loader) {
    synchronized (this) {
      if (failure != null) {
        chunkEnded(chunk, null, null);
        return;
      }
    }
    Map<String, Object> produced = null;
    Throwable failed = null;
    try {
      ChunkRecorder recorder = ChunkRecorder.start(plan.eventDir(), chunk);
      produced =
          ChunkRunner.run(
              chunk,
              main,
              side::get,
              new ChunkRunner.Worker(loader, recorder, plan.eventDir(), null));
    } catch (RuntimeException | Error e) {
      failed = e;
    }
    synchronized (this) {
      chunkEnded(chunk, produced, failed);
    }
  }

  private void chunkEnded(ChunkSpec chunk, Map<String, Object> produced, Throwable failed) {
    inQueue--;
    if (failed != null && failure == null) {
      failure = failed;
    }
    if (failure == null && produced != null) {
      for (String key : chunk.emitKeys()) {
        emitted.put(key, produced.get(key));
      }
      if (--chunksLeft[chunk.stage()] == 0) {
        stageEnded();
        dispatchReady();
      }
    }
    notifyAll();
  }

  private void stageEnded() {
    stagesLeft--;
  }
}
