package io.taskbeam.internal.observe;

import java.time.Instant;

/**
 * Event times as microseconds since the Unix epoch, from a monotonic clock. A JVM reads the wall
 * clock at an anchor point and adds {@link System#nanoTime()} differences to it, so times taken
 * between two anchors never jump. Workers re-anchor at the start of every chunk and the driver at
 * every sync point, so a wall-clock step (NTP) on a long-lived TaskManager shows up between chunks,
 * never inside one. Times from different JVMs are comparable as far as their hosts' wall clocks
 * agree: all JVMs of one host share the kernel's clock and agree to a few microseconds; see {@link
 * ClockAlignment} for workers on other hosts.
 */
public final class EventClock {
  private record Anchor(long nanos, long micros) {}

  private static volatile Anchor anchor = newAnchor();

  private EventClock() {}

  /** Now, in epoch microseconds. */
  public static long nowMicros() {
    Anchor a = anchor;
    return a.micros + (System.nanoTime() - a.nanos) / 1_000;
  }

  /** Reads the wall clock again; later times follow any step it took since the last anchor. */
  public static void reanchor() {
    anchor = newAnchor();
  }

  private static Anchor newAnchor() {
    long nanos = System.nanoTime();
    return new Anchor(nanos, epochMicros(Instant.now()));
  }

  static long epochMicros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
