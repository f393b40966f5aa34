package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * What {@code helm install} prints (NOTES.txt): how to reach the JobManager and, when the chart
 * runs a driver, its live dashboard through a port-forward of the driver's pod, since the page
 * listens on the pod's loopback only.
 */
class ChartNotesTest {
  @Test
  void theNotesSayHowToReachTheDriversDashboard() {
    String job =
        Chart.render("demo", Chart.values()).driverJob("demo-taskbeam").getMetadata().getName();
    String notes = Chart.notes("demo", Chart.values());
    assertThat(notes, containsString("\"taskbeam: dashboard http://127.0.0.1:PORT/?token=...\""));
    assertThat(
        notes,
        containsString(
            "kubectl -n batch port-forward $(kubectl -n batch get pod"
                + " -l job-name="
                + job
                + " -o name) PORT:PORT"));
  }

  @Test
  void theNotesSayHowToChangeTheWorkersMidRun() {
    String notes = Chart.notes("demo", Chart.values("worker.drainSeconds", 45));
    assertThat(
        notes,
        containsString(
            "a removed one is drained first, at most 45 s, so no task fails):\n"
                + "  helm upgrade demo <chart> --reuse-values --set worker.number=N"));
  }

  @Test
  void withoutADriverTheNotesNameNoDashboard() {
    String notes = Chart.notes("solo", Chart.values("driver.enabled", false));
    assertThat(notes, containsString("port-forward svc/"));
    assertThat(notes, not(containsString("taskbeam: dashboard")));
  }
}
