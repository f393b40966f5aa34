package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkSetupTest {
  private static ClusterProbe.ClusterInfo cluster(int total, int free) {
    return new ClusterProbe.ClusterInfo("10.0.0.5:8081", total, total, free, Map.of());
  }

  @Test
  void defaultParallelismIsTheFreeSlots() {
    assertThat(FlinkSetup.checkSlots(cluster(4, 3), -1), is(3));
    assertThat(FlinkSetup.checkSlots(cluster(4, 3), 2), is(2));
  }

  @Test
  void noTaskManagerNamesTheFix() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FlinkSetup.checkSlots(cluster(0, 0), -1));
    assertThat(
        e.getMessage(),
        equalTo(
            "the Flink cluster at 10.0.0.5:8081 has no TaskManager "
                + "(0 task slots): start one (flink/bin/cluster add-taskmanager) or wait until it "
                + "registers"));
  }

  @Test
  void tooFewSlotsNamesBothNumbers() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FlinkSetup.checkSlots(cluster(4, 1), 2));
    assertThat(
        e.getMessage(),
        containsString(
            "--parallelism=2 needs 2 free task slots but the "
                + "Flink cluster at 10.0.0.5:8081 has 1 of 4 free"));
  }

  @Test
  void flinkSettingsAreKeyValueAndLaterWins() {
    assertThat(
        FlinkSetup.settings(List.of("a.b=1", "c = two words", "a.b=3")),
        equalTo(Map.of("a.b", "3", "c", "two words")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FlinkSetup.settings(List.of("restart-strategy")));
    assertThat(e.getMessage(), containsString("--flinkConfig=restart-strategy is not KEY=VALUE"));
  }
}
