package io.taskbeam.internal.beam;

import io.taskbeam.internal.data.SerialAllowList;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * One worker of a {@link LongLivedJob}: its one element is the worker's number, and processing it
 * takes chunks from the job's queue and runs them, one at a time, until the driver sends {@link
 * ChunkQueues#STOP} (the session ends). The runner gives each worker a thread of its own, so the
 * job's workers run chunks side by side for as long as the session lives.
 */
final class LongLivedWorkerFn extends DoFn<KV<Integer, Iterable<Integer>>, Void> {
  private static final long serialVersionUID = 1L;
  private static final long IDLE_CHECK_MILLIS = 200;

  /** The threads inside a worker's loop, of every long-lived job of this JVM. */
  private static final Set<Thread> WORKERS = ConcurrentHashMap.newKeySet();

  private final String queue;
  private final ArrayList<String> declared;

  /**
   * @param queue the name of the job's {@link ChunkQueues} queue
   * @param declared the classes the program declared ({@link SerialAllowList})
   */
  LongLivedWorkerFn(String queue, ArrayList<String> declared) {
    this.queue = queue;
    this.declared = declared;
  }

  @Setup
  public void setup() {
    SerialAllowList.declareNames(declared);
  }

  @ProcessElement
  public void process(ProcessContext c) throws InterruptedException {
    BlockingQueue<ChunkQueues.Work> work = ChunkQueues.find(queue);
    if (work == null) {
      return; // the session ended before this worker started
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = LongLivedWorkerFn.class.getClassLoader();
    }
    LongLivedJob.workerStarted(queue);
    Thread self = Thread.currentThread();
    WORKERS.add(self);
    try {
      while (true) {
        ChunkQueues.Work next = work.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (next == ChunkQueues.STOP
            || (next == null && !LongLivedJob.busy(queue) && !programRuns())) {
          return;
        }
        if (next != null) {
          next.run(loader);
        }
      }
    } finally {
      WORKERS.remove(self);
    }
  }

  /**
   * Whether a thread other than the runner's own still keeps the JVM alive ({@link
   * ProgramThreads}). Idle workers look every {@value #IDLE_CHECK_MILLIS} ms and end when nothing
   * is left but them and the runner's threads (named as theirs: the DirectRunner's pool also runs
   * its monitor, which takes a thread a worker left). The workers' threads are in the program's
   * group.
   */
  private static boolean programRuns() {
    String runnerThreads = Thread.currentThread().getName();
    return ProgramThreads.alive(
        Thread.currentThread().getThreadGroup(),
        t -> WORKERS.contains(t) || t.getName().equals(runnerThreads));
  }
}
