package io.taskbeam;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options for seeing what ran: the run directory (graph, plan, traces, report, log), the driver's
 * Prometheus endpoint, the live dashboard, the push at the end, live progress and {@code
 * --explain}. Part of {@link TaskBeamOptions}.
 */
public interface ObserveOptions extends PipelineOptions {
  @Description(
      "Record the run: a run directory with graph, plan, traces, log and report, a "
          + "/metrics endpoint and progress. false turns all of it off.")
  @Default.Boolean(true)
  boolean getObserve();

  void setObserve(boolean value);

  @Description(
      "Folder that gets one run directory per run, named <app>_NN. Default: "
          + "~/.taskbeam/runs (or the system property taskbeam.runsDir).")
  @Default.InstanceFactory(RunsDirFactory.class)
  String getRunsDir();

  void setRunsDir(String value);

  @Description(
      "How many run directories --runsDir keeps: at the start of a run the oldest "
          + "beyond this many are deleted (0 keeps all).")
  @Default.Integer(50)
  int getKeepRuns();

  void setKeepRuns(int value);

  @Description(
      "Tasks whose detail (task graph node, trace and timeline events) the run record keeps; past"
          + " it only per-function totals are kept (counts, times, quantiles), the report and"
          + " trace say so, and the driver's memory stays bounded in long sessions (0: no detail).")
  @Default.Integer(100_000)
  int getTaskDetailLimit();

  void setTaskDetailLimit(int value);

  @Description(
      "Port of the driver's Prometheus endpoint http://<metricsAddress>:<port>/metrics "
          + "while the program runs; 0 picks a free port (printed at the start), -1 turns it off.")
  @Default.Integer(0)
  int getMetricsPort();

  void setMetricsPort(int value);

  @Description(
      "Address the /metrics endpoint binds to; 0.0.0.0 to let a Prometheus on another "
          + "host scrape it.")
  @Default.String("127.0.0.1")
  String getMetricsAddress();

  void setMetricsAddress(String value);

  @Description(
      "Live dashboard in the browser while the program runs (progress per task function, sync"
          + " points, task stream, task graph, the first failure): auto serves it on 127.0.0.1"
          + " and a free port, HOST:PORT on a loopback address of your choice (any address with"
          + " --dashboardTls), off turns it off. Its address, with a per-run token, is printed at"
          + " the start.")
  @Default.String("auto")
  String getDashboard();

  void setDashboard(String value);

  @Description(
      "Serve the dashboard over HTTPS with the key store this directory's tls.properties names"
          + " (keystore, keystore-password), e.g. the client directory of a cluster started with"
          + " flink/bin/cluster start --tls (flink/run/tls/client); needed for a --dashboard"
          + " address other than loopback.")
  String getDashboardTls();

  void setDashboardTls(String value);

  @Description(
      "Prometheus Pushgateway URL (http://host:9091): at the end the run's total time "
          + "(taskbeam_run_seconds{app=...}) and task counts are pushed there.")
  String getPushgateway();

  void setPushgateway(String value);

  @Description(
      "Live progress on stderr: auto (a redrawn line on a terminal, a plain line every "
          + "progressInterval seconds otherwise), tty, plain or off.")
  @Default.String("auto")
  String getProgress();

  void setProgress(String value);

  @Description("Seconds between plain progress lines when stderr is not a terminal.")
  @Default.Integer(10)
  int getProgressInterval();

  void setProgressInterval(int value);

  @Description(
      "Print the plan the first sync point compiles to (and write graph.dot and "
          + "plan.dot), then stop before running anything.")
  @Default.Boolean(false)
  boolean getExplain();

  void setExplain(boolean value);

  /** {@code taskbeam.runsDir} if set (the build points tests at target/), else ~/.taskbeam/runs. */
  final class RunsDirFactory implements DefaultValueFactory<String> {
    /** Beam creates it by reflection. */
    public RunsDirFactory() {}

    @Override
    public String create(PipelineOptions options) {
      String property = System.getProperty("taskbeam.runsDir");
      if (property != null && !property.isBlank()) {
        return property;
      }
      return java.nio.file.Path.of(System.getProperty("user.home"), ".taskbeam", "runs").toString();
    }
  }
}
