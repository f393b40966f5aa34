package io.taskbeam.bench;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * The driver's retained heap over a long session: {@code --syncs} sync points of {@code --tasks}
 * tiny tasks each ({@link TinyTasks#next}), every future dropped except the one waited on. After
 * each sync point it forces a full GC and prints the heap still in use, so the numbers show what
 * the session retains, not what it allocated. A session that kept every datum would grow with each
 * line; one that releases what the program cannot reach stays flat.
 *
 * <pre>benchmarks/session-memory --syncs=10 --tasks=100000 [Beam/taskbeam options]</pre>
 */
public final class SessionMemory {
  private SessionMemory() {}

  public static void main(String[] args) throws Exception {
    java.util.List<String> beam = new java.util.ArrayList<>();
    java.util.List<String> own = new java.util.ArrayList<>();
    for (String arg : args) {
      (arg.startsWith("--syncs=") || arg.startsWith("--tasks=") ? own : beam).add(arg);
    }
    // defaults: the DirectRunner, observation off (the engine alone; --observe=true adds the run
    // record, whose per-task detail --taskDetailLimit caps)
    if (beam.stream()
        .noneMatch(arg -> arg.startsWith("--runner=") || arg.startsWith("--profile="))) {
      beam.add("--runner=DirectRunner");
    }
    if (beam.stream().noneMatch(arg -> arg.startsWith("--observe"))) {
      beam.add("--observe=false");
    }
    var opts = Args.parse(own.toArray(new String[0]));
    int syncs = Args.positive(opts, "syncs", 10);
    int tasks = Args.positive(opts, "tasks", 100_000);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = retained(memory);
    long max = 0;
    long start = System.nanoTime();
    try (TaskBeam tb = TaskBeam.start(beam.toArray(new String[0]))) {
      System.out.printf(
          Locale.ROOT,
          "session-memory: %d sync points x %d tasks on %s;" + " heap before the session %.1f MB%n",
          syncs,
          tasks,
          tb.target(),
          baseline / 1e6);
      for (int s = 1; s <= syncs; s++) {
        TaskFuture<Integer> last = null;
        for (int i = 0; i < tasks; i++) {
          last = tb.submit(TinyTasks::next, i);
        }
        int value = tb.waitOn(last);
        if (value != tasks) {
          throw new IllegalStateException("the last task returned " + value + ", not " + tasks);
        }
        last = null;
        retained(memory);
        tb.barrier(); // lets the session release the futures the GC found unreachable
        long used = retained(memory);
        max = Math.max(max, used);
        System.out.printf(
            Locale.ROOT,
            "sync %2d: %,d tasks so far, retained heap %.1f MB%n",
            s,
            (long) s * tasks,
            used / 1e6);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "session-memory: %,d tasks in %.1f s; max retained heap after a"
            + " sync point %.1f MB (%.1f MB above the heap before the session)%n",
        (long) syncs * tasks,
        (System.nanoTime() - start) / 1e9,
        max / 1e6,
        (max - baseline) / 1e6);
  }

  /** Heap in use after full collections (three, so weakly reachable objects are gone). */
  private static long retained(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
