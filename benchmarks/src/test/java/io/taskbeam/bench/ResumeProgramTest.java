package io.taskbeam.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The resume workloads refuse a k-means that reached its fixed point: 2,000,000 points stop moving
 * after iteration 681, so a run of 800 killed after 720 resumed every task from the journal and ran
 * none (its 4.7 s said nothing of a resume; benchmarks of 2026-12-08).
 */
class ResumeProgramTest {
  private static final int PER_ITERATION = 2 * KMeansData.FRAGMENTS;

  @Test
  void aRunThatRanEveryTaskOfItsModePasses() {
    assertDoesNotThrow(() -> ResumeProgram.checkRan(200 * PER_ITERATION, "full", 200));
    assertDoesNotThrow(() -> ResumeProgram.checkRan(20 * PER_ITERATION, "resume", 200));
  }

  @Test
  void aResumedRunThatRanNothingIsRefusedNamingTheFixedPoint() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ResumeProgram.checkRan(0, "resume", 800));
    assertThat(
        e.getMessage(),
        startsWith(
            "the resume run of 800 iterations ran 0 tasks, not the "
                + 80 * PER_ITERATION
                + " of its last 80 iterations"));
    assertThat(e.getMessage(), containsString("use fewer iterations for this many points"));
  }
}
