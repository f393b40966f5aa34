package io.taskbeam;

import static io.taskbeam.Direction.FILE_INOUT;
import static io.taskbeam.Direction.FILE_OUT;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Task methods for {@link SequentialAnswersTest}: the COMPSs model's corner cases. */
public final class ModelTasks {
  static final AtomicInteger FLAKY_FILE_CALLS = new AtomicInteger();

  private ModelTasks() {}

  /** Not serializable: a handle on something local, such as a socket or a native buffer. */
  public static final class Opaque {
    final int x;

    public Opaque(int x) {
      this.x = x;
    }
  }

  /** Serializable itself, but holding an {@link Opaque}. */
  public record Holder(String label, Opaque opaque) implements Serializable {}

  @Task
  static int sum(int[] values) {
    int s = 0;
    for (int v : values) {
      s += v;
    }
    return s;
  }

  @Task
  static int last(long[] values) {
    return (int) values[values.length - 1];
  }

  @Task
  static int plusOne(int x) {
    return x + 1;
  }

  @Task
  static int labelLength(Holder h) {
    return h.label().length();
  }

  @Task
  static int listSize(List<Object> items) {
    return items.size();
  }

  /** Counts a call in a commutative counter and triples {@code x}, another datum, in place. */
  @Task
  static void countAndTriple(
      @Param(Direction.COMMUTATIVE) long[] count, @Param(Direction.INOUT) long[] x) {
    count[0]++;
    x[0] *= 3;
  }

  @Task
  static void tripleAndAdd(@Param(Direction.INOUT) long[] x, long d) {
    x[0] = x[0] * 3 + d;
  }

  /** The session a nested task calls; set by the test. */
  static volatile TaskBeam session;

  /** A task inside a task: submits and waits on its session from its body. */
  @Task
  static int nestedPlusOne(int x) {
    return session.waitOn(session.submit(ModelTasks::plusOne, x)) + 1;
  }

  /** A task asking its session what is pending (0), its reports (1) or its plan (2). */
  @Task
  static int askingItsSession(int which) {
    return switch (which) {
      case 0 -> session.pendingTasks();
      case 1 -> session.reports().size();
      default -> session.explain().length();
    };
  }

  /** Declared Object, so only the value returned shows it cannot be serialized. */
  @Task
  static Object makeOpaque(int x) {
    return new Opaque(x);
  }

  /** Adds one to the number in the file; the first attempt fails after writing. */
  @Task(onFailure = FailurePolicy.RETRY, retries = 2)
  static void flakyFileIncrement(@Param(FILE_INOUT) String file) throws IOException {
    Path p = Path.of(file);
    int n = Integer.parseInt(Files.readString(p).trim());
    Files.writeString(p, Integer.toString(n + 1));
    if (FLAKY_FILE_CALLS.incrementAndGet() == 1) {
      throw new IOException("disk hiccup after writing");
    }
  }

  /** Appends to a file it creates; the first attempt fails after writing. */
  @Task(onFailure = FailurePolicy.RETRY, retries = 1)
  static void flakyNewFile(@Param(FILE_OUT) String file) throws IOException {
    Files.writeString(
        Path.of(file), "line\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (FLAKY_FILE_CALLS.incrementAndGet() == 1) {
      throw new IOException("disk hiccup after writing");
    }
  }

  /** Creates the file with garbage in it, then fails: IGNORE must leave no file. */
  @Task(onFailure = FailurePolicy.IGNORE)
  static void spoilNewFile(@Param(FILE_OUT) String file) throws IOException {
    Files.writeString(Path.of(file), "garbage");
    throw new IOException("spoilt");
  }

  /** Writes garbage into the file, then fails: IGNORE must leave the file as it was. */
  @Task(onFailure = FailurePolicy.IGNORE)
  static void spoilFile(@Param(FILE_INOUT) String file) throws IOException {
    Files.writeString(Path.of(file), "garbage");
    throw new IOException("spoilt");
  }

  @Task(onFailure = FailurePolicy.IGNORE)
  static int ignoredCount(int x) {
    throw new IllegalStateException("cannot count " + x);
  }

  @Task(onFailure = FailurePolicy.IGNORE)
  static Integer ignoredBoxed(int x) {
    throw new IllegalStateException("cannot count " + x);
  }

  @Task
  static void bumpBoth(@Param(Direction.INOUT) int[] a, @Param(Direction.INOUT) int[] b) {
    a[0] += 1;
    b[0] += 10;
  }

  @Task(onFailure = FailurePolicy.RETRY, retries = 1)
  static void addFirst(@Param(Direction.INOUT) int[] acc, int[] src) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += src[0];
    }
    if (FLAKY_ALIAS_CALLS.incrementAndGet() == 1) {
      throw new IllegalStateException("first attempt fails");
    }
  }

  static final AtomicInteger FLAKY_ALIAS_CALLS = new AtomicInteger();
}
