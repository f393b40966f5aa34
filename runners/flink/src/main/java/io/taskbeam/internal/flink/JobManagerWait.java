package io.taskbeam.internal.flink;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;

/**
 * How {@link ClusterTarget} outlives a JobManager that stopped answering: it waits, at most {@code
 * --clusterWaitSeconds}, for the JobManager to answer again at the same address (a cluster started
 * with {@code flink/bin/cluster start --supervise} restarts it there) and for the TaskManagers to
 * register with it again, saying so in one line; the caller then submits the job in flight again. A
 * job's chunks write their results into the session's work directory as whole files (written under
 * a temporary name and renamed), and finished jobs' results are there already, so running the whole
 * job in flight again is correct. A restarted JobManager lacks nothing the job needs: the classes a
 * job ships are class path URLs in the session directory, never uploaded.
 *
 * <p>Without a wait (the default on an unsupervised cluster) the loss ends the program with the one
 * line of {@link JobFailures} and a hint to resume the run ({@link #RESUME_HINT}).
 */
final class JobManagerWait {
  static final String RESUME_HINT = "; resume with --resume=last";

  /** How often the REST API is asked while waiting. */
  static final Duration POLL = Duration.ofMillis(250);

  private final String master;
  private final Duration bound;
  private final boolean supervised;
  private final PrintStream err;

  /**
   * @param master the JobManager's REST address as the user gave it
   * @param bound how long to wait; zero: do not wait
   * @param supervised whether the cluster said it restarts its JobManager (named in the line)
   * @param err where the one waiting line goes
   */
  JobManagerWait(String master, Duration bound, boolean supervised, PrintStream err) {
    this.master = master;
    this.bound = bound;
    this.supervised = supervised;
    this.err = err;
  }

  /** The longest wait. */
  Duration bound() {
    return bound;
  }

  /** Whether a lost JobManager is waited for at all. */
  boolean enabled() {
    return !bound.isZero() && !bound.isNegative();
  }

  /** The loss as the program ends with it when there is no wait or the wait ran out. */
  IllegalStateException ended(IllegalStateException lost, boolean waited) {
    String message = lost.getMessage();
    if (waited) {
      message += "; it did not return within " + bound.toSeconds() + " s";
    }
    return new IllegalStateException(message + RESUME_HINT);
  }

  /**
   * Prints the waiting line, then waits until {@code overview} answers and reports at least {@code
   * slots} task slots, or, once it answers, until the bound passes (the job is then submitted on
   * the slots there are; the caller's slot check handles fewer).
   *
   * @param overview the cluster's overview, or null while the JobManager does not answer
   * @return how long the wait took
   * @throws IllegalStateException {@code lost}'s line when the JobManager did not answer in time
   */
  Duration await(
      IllegalStateException lost, int slots, Supplier<ClusterOverviewWithVersion> overview)
      throws InterruptedException {
    err.println(
        "taskbeam: the Flink JobManager at "
            + master
            + " stopped answering; waiting up to "
            + bound.toSeconds()
            + " s for it to return ("
            + (supervised
                ? "cluster started with --supervise"
                : "--clusterWaitSeconds=" + bound.toSeconds())
            + ")");
    err.flush();
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    boolean answered = false;
    while (true) {
      ClusterOverviewWithVersion now = overview.get();
      answered |= now != null;
      if (now != null && now.getNumSlotsTotal() >= slots) {
        break;
      }
      if (System.nanoTime() - deadline > 0) {
        if (!answered) {
          throw ended(lost, true);
        }
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    err.println(
        String.format(
            Locale.ROOT,
            "taskbeam: the Flink JobManager at %s answers again after %.1f s; running the job"
                + " in flight again",
            master,
            took.toMillis() / 1000.0));
    err.flush();
    return took;
  }
}
