package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The supervisor's bound: at most N restarts within any window, counted over a sliding window. */
class RestartBudgetTest {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  @Test
  void allowsMaxRestartsWithinTheWindowAndRefusesTheNext() {
    RestartBudget budget = new RestartBudget(3, Duration.ofMinutes(10));
    assertThat(budget.tryRestart(0), is(true));
    assertThat(budget.tryRestart(MINUTE), is(true));
    assertThat(budget.tryRestart(2 * MINUTE), is(true));
    assertThat(budget.used(), is(3));
    assertThat(budget.tryRestart(3 * MINUTE), is(false));
    assertThat(budget.used(), is(3));
  }

  @Test
  void restartsOlderThanTheWindowNoLongerCount() {
    RestartBudget budget = new RestartBudget(2, Duration.ofMinutes(10));
    assertThat(budget.tryRestart(0), is(true));
    assertThat(budget.tryRestart(5 * MINUTE), is(true));
    assertThat(budget.tryRestart(9 * MINUTE), is(false));
    assertThat(budget.tryRestart(10 * MINUTE), is(true)); // the one at 0 left the window
    assertThat(budget.tryRestart(14 * MINUTE), is(false)); // 5 and 10 still count
    assertThat(budget.tryRestart(15 * MINUTE), is(true));
    assertThat(budget.used(), is(2));
  }

  @Test
  void aRefusedRestartDoesNotUseTheBudget() {
    RestartBudget budget = new RestartBudget(1, Duration.ofSeconds(60));
    assertThat(budget.tryRestart(0), is(true));
    for (int i = 1; i < 50; i++) {
      assertThat(budget.tryRestart(i * Duration.ofSeconds(1).toNanos()), is(false));
    }
    assertThat(budget.tryRestart(Duration.ofSeconds(60).toNanos()), is(true));
  }

  @Test
  void badBoundsAreRejectedNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RestartBudget(0, Duration.ZERO));
    assertThat(e.getMessage(), is("--max-restarts must be at least 1, got 0"));
    assertThrows(IllegalArgumentException.class, () -> new RestartBudget(1, Duration.ZERO));
  }
}
