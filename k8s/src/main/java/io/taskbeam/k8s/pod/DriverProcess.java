package io.taskbeam.k8s.pod;

import io.taskbeam.flink.cluster.FlinkConfig;
import io.taskbeam.flink.spi.ClusterContract;
import io.taskbeam.flink.spi.WorkerLeaving;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The driver pod: waits until the session cluster has every TaskManager the release asked for, then
 * runs the application on the image's driver classpath (the application jars first, then the
 * cluster's jars without Flink's log4j binding: the driver logs through slf4j-simple).
 */
final class DriverProcess {
  /** The main class of the six applications; {@code -Dapp=NAME} picks one. */
  static final String APPLICATIONS_MAIN = "io.taskbeam.pipelines.Main";

  /** Left off the driver's classpath: the cluster's log4j binding (the driver has slf4j-simple). */
  static final String CLUSTER_LOG_BINDING = "log4j-slf4j2-impl-";

  private static final Pattern TASKMANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final Path lib;
  private final Path appDir;
  private final Path configSource;
  private final String jobManager;
  private final int taskManagers;
  private final int waitSeconds;
  private final String app;
  private final String mainClass;
  private final List<String> programArgs;

  DriverProcess(
      Path lib,
      Path appDir,
      Path configSource,
      String jobManager,
      int taskManagers,
      int waitSeconds,
      String app,
      String mainClass,
      List<String> programArgs) {
    if ((app == null) == (mainClass == null)) {
      throw new PodException("give exactly one of --app=NAME and --mainClass=CLASS");
    }
    this.lib = lib;
    this.appDir = appDir;
    this.configSource = configSource;
    this.jobManager = jobManager;
    this.taskManagers = taskManagers;
    this.waitSeconds = waitSeconds;
    this.app = app;
    this.mainClass = mainClass;
    this.programArgs = List.copyOf(programArgs);
  }

  List<String> command(PrintStream log) {
    List<String> classpath = classpath();
    awaitCluster(log);
    FlinkConfig config = null;
    if (configSource != null
        && Files.isRegularFile(configSource.resolve(FlinkProcess.CONFIG_FILE))) {
      config = FlinkConfig.load(configSource.resolve(FlinkProcess.CONFIG_FILE));
      prepareRunDir(config.get(ClusterContract.RUN_DIR));
    }
    List<String> command = new ArrayList<>();
    command.add(FlinkProcess.javaBinary());
    // The heap follows the pod's memory limit; blocks of up to 1448x1448 stay ordinary for G1.
    command.add("-XX:MaxRAMPercentage=75");
    command.add("-XX:G1HeapRegionSize=32m");
    if (config != null) {
      command.addAll(config.javaOptions("client"));
    }
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error");
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner=error");
    if (app != null) {
      command.add("-Dapp=" + app);
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(app != null ? APPLICATIONS_MAIN : mainClass);
    command.addAll(programArgs);
    return command;
  }

  /**
   * Creates the cluster's run directory on the shared volume (the driver's session registers there
   * for TaskManager leaves, {@link WorkerLeaving}) and removes registrations of earlier drivers:
   * the chart runs one driver pod at a time, so any registration left is of a pod that is gone
   * (killed before its session ended) and would make each leave wait out its timeout.
   */
  static void prepareRunDir(String runDir) {
    if (runDir == null || runDir.isBlank()) {
      return;
    }
    Path drivers = WorkerLeaving.driversDir(Path.of(runDir));
    try {
      Files.createDirectories(drivers);
      try (Stream<Path> files = Files.list(drivers)) {
        files.forEach(WorkerLeaving::delete);
      }
    } catch (IOException e) {
      throw new PodException(
          "cannot prepare the cluster's run directory " + runDir + ": " + e.getMessage(), e);
    }
  }

  /** The application's jars, then the cluster's jars without its log4j binding. */
  List<String> classpath() {
    List<String> entries = new ArrayList<>(jars(appDir));
    for (String jar : jars(lib)) {
      if (!Path.of(jar).getFileName().toString().startsWith(CLUSTER_LOG_BINDING)) {
        entries.add(jar);
      }
    }
    if (app != null && jars(appDir).isEmpty()) {
      throw new PodException(appDir + " has no jars; the image lacks the taskbeam applications");
    }
    return entries;
  }

  /**
   * Polls {@code GET /overview} until {@code taskmanagers} reaches the release's worker.number, for
   * at most {@code waitSeconds}, reporting every 10 s on stderr.
   */
  void awaitCluster(PrintStream log) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI overview = URI.create("http://" + jobManager + "/overview");
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(waitSeconds).toNanos();
    long nextReport = start + REPORT_EVERY.toNanos();
    String last = "no answer yet";
    while (true) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(overview).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TASKMANAGERS.matcher(response.body());
        if (response.statusCode() == 200 && m.find()) {
          int registered = Integer.parseInt(m.group(1));
          if (registered >= taskManagers) {
            log.println(
                "taskbeam-pod: the Flink cluster at "
                    + jobManager
                    + " has "
                    + registered
                    + " TaskManager(s); starting the driver");
            return;
          }
          last = registered + " of " + taskManagers + " TaskManagers registered";
        } else {
          last = "GET /overview answered HTTP " + response.statusCode();
        }
      } catch (IOException e) {
        last =
            "the JobManager does not answer ("
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PodException("interrupted while waiting for the Flink cluster at " + jobManager);
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        throw new PodException(
            "the Flink cluster at "
                + jobManager
                + " is not ready after "
                + waitSeconds
                + " s: "
                + last
                + "; check the JobManager and TaskManager pods "
                + "(kubectl get pods, kubectl logs) or raise driver.waitSeconds");
      }
      if (now >= nextReport) {
        log.println("taskbeam-pod: waiting for the Flink cluster at " + jobManager + ": " + last);
        nextReport = now + REPORT_EVERY.toNanos();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PodException("interrupted while waiting for the Flink cluster at " + jobManager);
      }
    }
  }

  private static List<String> jars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
    } catch (IOException e) {
      throw new PodException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
