package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's total: every field of its sync points summed, and the count of sync points. */
class SyncReportTest {
  @Test
  void theTotalSumsEveryFieldAndCountsTheSyncPoints() {
    SyncReport first = new SyncReport(1, 10, 2, 4, 100, 200, 3_000, 64);
    SyncReport second = new SyncReport(2, 5, 1, 3, 50, 20, 1_000, 0);
    assertThat(
        SyncReport.total(List.of(first, second)),
        equalTo(new SyncReport(2, 15, 3, 7, 150, 220, 4_000, 64)));
    assertThat(SyncReport.total(List.of()), equalTo(new SyncReport(0, 0, 0, 0, 0, 0, 0, 0)));
  }
}
