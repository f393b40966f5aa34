package io.taskbeam.pipelines.conformance;

import io.taskbeam.TaskBeam;
import io.taskbeam.TaskCancelledException;
import io.taskbeam.TaskFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random programs checked against the sequential program they stand for: a few one-cell variables
 * that calls update in place (INOUT), replace (new values, arrays captured and then changed by the
 * program), accumulate into (COMMUTATIVE), or cancel (a task failing under CANCEL_SUCCESSORS), with
 * deletes, barriers, short pauses (so that {@code --pipelined} flushes between any two calls), and
 * waits on one value or on several. Each value the program waits on is compared with plain Java's
 * answer at once; a cancelled one must throw {@link TaskCancelledException}. A failure names the
 * seed and the calls so far, so it can be replayed.
 */
final class RandomPrograms {
  private static final int SLOTS = 5;

  private final TaskBeam tb;
  private final SplittableRandom random;
  private final List<String> calls = new ArrayList<>();

  /** Per slot: its future (null: deleted, or never made), plain Java's value, and whether lost. */
  private final List<TaskFuture<long[]>> futures = new ArrayList<>();

  private final long[] expected = new long[SLOTS];
  private final boolean[] cancelled = new boolean[SLOTS];
  private final long seed;

  private RandomPrograms(TaskBeam tb, long seed) {
    this.tb = tb;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** Runs the program of {@code seed}, {@code length} calls long, in {@code tb}. */
  static void run(TaskBeam tb, long seed, int length) {
    RandomPrograms program = new RandomPrograms(tb, seed);
    for (int s = 0; s < SLOTS; s++) {
      program.futures.add(null);
      program.put(s);
    }
    for (int i = 0; i < length; i++) {
      program.next();
    }
    for (int s = 0; s < SLOTS; s++) {
      if (program.futures.get(s) != null) {
        program.waitOn(s);
      }
    }
  }

  private void next() {
    int op = random.nextInt(100);
    int s = live();
    int other = live();
    if (op < 8) {
      put(random.nextInt(SLOTS));
    } else if (op < 30) {
      long c = random.nextLong(-9, 10);
      calls.add("step(" + s + ", " + c + ")");
      tb.submit(RandomTasks::step, futures.get(s), c);
      expected[s] = 3 * expected[s] + c;
    } else if (op < 42) {
      int d = random.nextInt(SLOTS);
      calls.add(d + " = mix(" + s + ", " + other + ")");
      futures.set(d, tb.submit(RandomTasks::mix, futures.get(s), futures.get(other)));
      expected[d] = 31 * expected[s] + expected[other];
      cancelled[d] = cancelled[s] || cancelled[other];
    } else if (op < 58) {
      calls.add("add(cell(" + other + "), " + s + ")");
      tb.submit(RandomTasks::add, tb.submit(RandomTasks::cell, futures.get(other)), futures.get(s));
      expected[s] += expected[other];
      cancelled[s] |= cancelled[other];
    } else if (op < 64) {
      captured(random.nextInt(SLOTS));
    } else if (op < 70) {
      int d = random.nextInt(SLOTS);
      calls.add(d + " = checked(" + s + ")");
      futures.set(d, tb.submit(RandomTasks::checked, futures.get(s)));
      cancelled[d] = cancelled[s] || expected[s] % 5 == 0;
      expected[d] = expected[s] + 1;
    } else if (op < 78) {
      waitOn(s);
    } else if (op < 84) {
      waitOnSeveral();
    } else if (op < 88) {
      calls.add("delete(" + s + ")");
      tb.delete(futures.get(s));
      futures.set(s, null);
      put(s);
    } else if (op < 91) {
      calls.add("barrier()");
      tb.barrier();
    } else {
      int millis = random.nextInt(8);
      calls.add("sleep(" + millis + ")");
      sleep(millis);
    }
  }

  /** A slot that holds a future. */
  private int live() {
    while (true) {
      int s = random.nextInt(SLOTS);
      if (futures.get(s) != null) {
        return s;
      }
    }
  }

  private void put(int s) {
    long c = random.nextLong(-20, 21);
    calls.add(s + " = put(" + c + ")");
    futures.set(s, tb.put(new long[] {c}));
    expected[s] = c;
    cancelled[s] = false;
  }

  /** A task given a program array, which the program then changes (and passes again). */
  private void captured(int d) {
    long c = random.nextLong(-20, 21);
    long[] array = {c};
    calls.add(d + " = copy({" + c + "}), then the array is changed");
    futures.set(d, tb.submit(RandomTasks::copy, array));
    array[0] = c + 1000;
    expected[d] = c;
    cancelled[d] = false;
    if (random.nextBoolean()) {
      int e = (d + 1) % SLOTS;
      calls.add(e + " = copy(the changed array)");
      futures.set(e, tb.submit(RandomTasks::copy, array));
      expected[e] = c + 1000;
      cancelled[e] = false;
    }
  }

  private void waitOn(int s) {
    calls.add("waitOn(" + s + ")");
    try {
      long got = tb.waitOn(futures.get(s))[0];
      check(!cancelled[s] && got == expected[s], "slot " + s + " = " + got);
    } catch (TaskCancelledException e) {
      check(cancelled[s], "slot " + s + " cancelled: " + e.getMessage());
      check(e.getMessage().startsWith("the value waited on was not computed"), e.getMessage());
    }
  }

  private void waitOnSeveral() {
    List<Integer> slots = new ArrayList<>();
    List<TaskFuture<long[]>> waited = new ArrayList<>();
    boolean anyCancelled = false;
    for (int s = 0; s < SLOTS; s++) {
      if (futures.get(s) != null && random.nextBoolean()) {
        slots.add(s);
        waited.add(futures.get(s));
        anyCancelled |= cancelled[s];
      }
    }
    calls.add("waitOn(" + slots + ")");
    try {
      List<long[]> got = tb.waitOn(waited);
      for (int i = 0; i < slots.size(); i++) {
        int s = slots.get(i);
        check(!cancelled[s] && got.get(i)[0] == expected[s], "slot " + s + " = " + got.get(i)[0]);
      }
    } catch (TaskCancelledException e) {
      check(anyCancelled, "cancelled: " + e.getMessage());
      String of = " of the " + slots.size() + " waited on was not computed";
      boolean named = false;
      for (int i = 0; i < slots.size(); i++) {
        String which = slots.size() == 1 ? "the value waited on" : "value " + (i + 1) + of;
        named |= cancelled[slots.get(i)] && e.getMessage().startsWith(which);
      }
      check(named, "the message names a cancelled value: " + e.getMessage());
    }
  }

  private void check(boolean passed, String what) {
    if (!passed) {
      throw new AssertionError(
          "random program of seed "
              + seed
              + ": "
              + what
              + ", plain Java gives "
              + java.util.Arrays.toString(expected)
              + " (cancelled "
              + java.util.Arrays.toString(cancelled)
              + ") after:\n  "
              + String.join("\n  ", calls));
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
