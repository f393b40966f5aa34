package io.taskbeam.internal.beam;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The chunks a {@link LongLivedJob} hands to its workers, one queue per job, found by the job's
 * random name. The queue lives in this JVM: the long-lived job is only started on runners whose
 * workers are the driver's own threads (the DirectRunner), so a worker's {@link LongLivedWorkerFn},
 * serialized and deserialized by the runner, finds the queue here by name.
 */
final class ChunkQueues {
  /** One chunk to run, which tells its job how it ended; {@link #STOP} ends a worker. */
  @FunctionalInterface
  interface Work {
    /** Runs the chunk on the worker's thread, whose task classes come from {@code loader}. */
    void run(ClassLoader loader);
  }

  /** Ends the worker that takes it. */
  static final Work STOP = loader -> {};

  private static final Map<String, BlockingQueue<Work>> QUEUES = new ConcurrentHashMap<>();

  private ChunkQueues() {}

  /** A new queue under {@code name}. */
  static BlockingQueue<Work> open(String name) {
    BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    if (QUEUES.putIfAbsent(name, queue) != null) {
      throw new IllegalStateException("a chunk queue named " + name + " is open already");
    }
    return queue;
  }

  /** The queue under {@code name}, or null once it was closed. */
  static BlockingQueue<Work> find(String name) {
    return QUEUES.get(name);
  }

  /** Forgets the queue under {@code name}. */
  static void close(String name) {
    QUEUES.remove(name);
  }
}
