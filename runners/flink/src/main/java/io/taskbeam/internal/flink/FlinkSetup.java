package io.taskbeam.internal.flink;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.flink.spi.ClusterContract;
import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;

/**
 * Everything a session does once before its first job on the Flink runner, so a program runs
 * unchanged on embedded Flink and on a session cluster:
 *
 * <ul>
 *   <li>a remote cluster is probed first ({@link ClusterProbe}): unreachable, not Flink, no
 *       TaskManager or too few free slots are one-line errors within seconds;
 *   <li>parallelism -1 becomes the cluster's free slots (embedded: the machine's cores);
 *   <li>the job ships only what the cluster lacks ({@link JobStaging}) unless the user set {@code
 *       --filesToStage};
 *   <li>a Flink config dir is generated in the session directory (unless the user gave {@code
 *       --flinkConfDir}) with the {@code --flinkConfig} settings, e.g. a profile's restart
 *       strategy, and for embedded Flink {@code pipeline.classpaths}: without it the embedded
 *       cluster falls back to the system class loader, which under {@code mvn exec:java} is
 *       Maven's, and fails with {@code ClassNotFoundException: ExecutionConfig};
 *   <li>with {@code --flinkTls=DIR} ({@link FlinkTls}) the probe and Flink's REST client use TLS
 *       with the client certificate in DIR.
 * </ul>
 */
public final class FlinkSetup {
  private static final String RUNNER = "org.apache.beam.runners.flink.FlinkRunner";
  private static final String TEST_RUNNER = "org.apache.beam.runners.flink.TestFlinkRunner";

  /**
   * The outcome: the parallelism every stage is planned for, a line describing the target, the
   * session's job target, and the slots busy with other work at start (a cluster's slots that were
   * not free), which a parallelism resolved again later ({@code --parallelism=-1}) leaves out too.
   */
  public record Target(
      int parallelism, boolean embedded, String description, JobTarget jobs, int reserved) {}

  private FlinkSetup() {}

  /** Whether the session runs on Flink. */
  public static boolean isFlink(TaskBeamOptions options) {
    return isFlink(options.getRunner().getName());
  }

  /** Whether {@code runnerClass} names Flink's runner. */
  static boolean isFlink(String runnerClass) {
    return runnerClass.equals(RUNNER) || runnerClass.equals(TEST_RUNNER);
  }

  /** Whether {@code --flinkMaster} means an embedded cluster in this JVM. */
  public static boolean isEmbedded(String master) {
    return master == null
        || master.isBlank()
        || master.equals("[local]")
        || master.equals("[auto]")
        || master.equals("[collection]");
  }

  /**
   * Prepares {@code options} for Flink and opens the session's job target ({@link SessionJobs}: one
   * cluster client, or one embedded mini cluster, for all its sync points; {@link
   * FlinkRunnerSupport} closes it with the session); {@code sessionDir} receives the generated
   * config and the classes jobs ship.
   */
  public static Target prepare(TaskBeamOptions options, int requested, Path sessionDir) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    String master = flink.getFlinkMaster();
    boolean embedded = isEmbedded(master);
    Map<String, String> settings = settings(options.getFlinkConfig());
    int parallelism;
    String description;
    List<URL> shipped = List.of();
    JobManagerWait wait = null;
    String runDir = null;
    int reserved = 0;
    FlinkLogLevels.apply(FlinkLogLevels.COMMON);
    if (embedded) {
      parallelism = requested == -1 ? Runtime.getRuntime().availableProcessors() : requested;
      description = "embedded Flink in this JVM, parallelism " + parallelism;
      preloadShutdownClasses();
      FlinkLogLevels.apply(FlinkLogLevels.EMBEDDED); // before the mini cluster's loggers exist
    } else {
      FlinkTls tls =
          options.getFlinkTls() == null ? null : FlinkTls.load(Path.of(options.getFlinkTls()));
      ClusterProbe.ClusterInfo cluster = ClusterProbe.probe(master, tls);
      if (tls != null) {
        tls.flinkSettings().forEach(settings::putIfAbsent);
      }
      JobFailures.register(master, tls);
      JobFailures.CLIENT_SETTINGS.forEach(settings::putIfAbsent);
      FlinkLogLevels.apply(FlinkLogLevels.CLIENT); // JobFailures reports these failures
      parallelism = checkSlots(cluster, requested);
      reserved = Math.max(0, cluster.slotsTotal() - cluster.slotsAvailable());
      runDir = cluster.config().get(ClusterContract.RUN_DIR);
      wait = jobManagerWait(options, master, cluster);
      description =
          "Flink cluster at "
              + master
              + " ("
              + cluster.taskManagers()
              + " TaskManagers, "
              + cluster.slotsAvailable()
              + " of "
              + cluster.slotsTotal()
              + " slots free), parallelism "
              + parallelism;
      List<String> ship = flink.getFilesToStage();
      if (ship == null || ship.isEmpty()) {
        JobStaging.Decision staging =
            JobStaging.decide(DriverClasspath.of(contextLoader()), cluster);
        ship = staging.ship();
        description += "; " + staging.describe();
      }
      if (wait.enabled()) {
        description += "; a lost JobManager is waited for up to " + wait.bound().toSeconds() + " s";
      }
      shipped = JobStaging.stage(ship, sessionDir.resolve("job-classes"));
      flink.setFilesToStage(ship);
    }
    flink.setParallelism(parallelism);
    if (flink.getFlinkConfDir() == null) {
      Path confDir = sessionDir.resolve("flink-conf");
      if (embedded) {
        settings.putIfAbsent("pipeline.classpaths", confDir.toUri().toString());
      }
      writeConfig(confDir, settings);
      flink.setFlinkConfDir(confDir.toString());
    } else if (!settings.isEmpty()) {
      throw new IllegalArgumentException(
          "--flinkConfig and --flinkConfDir go separately: put "
              + "the settings "
              + settings.keySet()
              + " into "
              + flink.getFlinkConfDir()
              + "/config.yaml, or drop --flinkConfDir");
    }
    JobTarget jobs = openJobs(options, master, embedded, parallelism, shipped, wait, runDir);
    return new Target(parallelism, embedded, description, jobs, reserved);
  }

  /** Default {@code --clusterWaitSeconds} on a cluster that restarts its JobManager. */
  static final int SUPERVISED_WAIT_SECONDS = 60;

  /**
   * How long a lost JobManager is waited for: {@code --clusterWaitSeconds}, else {@value
   * #SUPERVISED_WAIT_SECONDS} s when the cluster says it is supervised ({@link
   * ClusterContract#SUPERVISED}), else 0.
   */
  static JobManagerWait jobManagerWait(
      TaskBeamOptions options, String master, ClusterProbe.ClusterInfo cluster) {
    boolean supervised = "true".equals(cluster.config().get(ClusterContract.SUPERVISED));
    Integer given = options.getClusterWaitSeconds();
    if (given != null && given < 0) {
      throw new IllegalArgumentException(
          "--clusterWaitSeconds must be 0 (do not wait) or more, got " + given);
    }
    int seconds = given != null ? given : supervised ? SUPERVISED_WAIT_SECONDS : 0;
    return new JobManagerWait(master, Duration.ofSeconds(seconds), supervised, System.err);
  }

  /** Opens the session's job target with the config jobs are translated with. */
  private static JobTarget openJobs(
      TaskBeamOptions options,
      String master,
      boolean embedded,
      int parallelism,
      List<URL> shipped,
      JobManagerWait wait,
      String runDir) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    Configuration config = GlobalConfiguration.loadConfiguration(flink.getFlinkConfDir());
    JobTarget target;
    try {
      if (embedded) {
        target = new EmbeddedTarget(config, parallelism);
      } else {
        List<String> classpaths =
            new ArrayList<>(config.get(PipelineOptions.CLASSPATHS, List.of()));
        shipped.forEach(url -> classpaths.add(url.toString()));
        config.set(PipelineOptions.CLASSPATHS, classpaths);
        config.set(PipelineOptions.JARS, List.of());
        String address = master.replaceFirst("^https?://", "");
        int colon = address.lastIndexOf(':');
        config.set(RestOptions.ADDRESS, colon < 0 ? address : address.substring(0, colon));
        if (colon >= 0) {
          config.set(RestOptions.PORT, Integer.parseInt(address.substring(colon + 1)));
        }
        target = new ClusterTarget(config, wait, runDir);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot open "
              + (embedded
                  ? "the embedded Flink cluster"
                  : "a client of the Flink cluster at " + master)
              + ": "
              + e.getMessage(),
          e);
    }
    SessionJobs.open(options, target, config, contextLoader());
    return target;
  }

  static int checkSlots(ClusterProbe.ClusterInfo cluster, int requested) {
    String at = "the Flink cluster at " + cluster.master();
    if (cluster.slotsTotal() == 0) {
      throw new IllegalStateException(
          at
              + " has no TaskManager (0 task slots): start one "
              + "(flink/bin/cluster add-taskmanager) or wait until it registers");
    }
    if (cluster.slotsAvailable() == 0) {
      throw new IllegalStateException(
          "all "
              + cluster.slotsTotal()
              + " task slots of "
              + at
              + " are busy with other jobs: wait for them, cancel them in the dashboard, or add a "
              + "TaskManager (flink/bin/cluster add-taskmanager)");
    }
    if (requested == -1) {
      return cluster.slotsAvailable();
    }
    if (requested > cluster.slotsAvailable()) {
      throw new IllegalStateException(
          "--parallelism="
              + requested
              + " needs "
              + requested
              + " free task slots but "
              + at
              + " has "
              + cluster.slotsAvailable()
              + " of "
              + cluster.slotsTotal()
              + " free: lower --parallelism (or -1 for all free slots) or "
              + "add TaskManagers (flink/bin/cluster add-taskmanager)");
    }
    return requested;
  }

  /** {@code KEY=VALUE} entries, later ones winning. */
  static Map<String, String> settings(List<String> entries) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (entries == null) {
      return settings;
    }
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--flinkConfig="
                + entry
                + " is not KEY=VALUE, e.g. "
                + "--flinkConfig=restart-strategy.type=fixed-delay");
      }
      settings.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    return settings;
  }

  private static void writeConfig(Path confDir, Map<String, String> settings) {
    StringBuilder yaml = new StringBuilder("# Generated by taskbeam for one session.\n");
    settings.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
    try {
      Files.createDirectories(confDir);
      Path file = confDir.resolve("config.yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      // may hold TLS store passwords (--flinkTls): readable by the driver's user only
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink config to " + confDir, e);
    }
  }

  /**
   * The embedded cluster's job store clears a cache from a JVM shutdown hook. Under {@code mvn
   * exec:java} the program's class loader is closed by then, so the classes that hook needs are
   * loaded now; otherwise every run ends with a NoClassDefFoundError trace.
   */
  private static void preloadShutdownClasses() {
    String cache = "org.apache.flink.shaded.guava31.com.google.common.cache.";
    for (String name :
        List.of(
            cache + "RemovalCause",
            cache + "RemovalNotification",
            cache + "RemovalCause$1",
            cache + "RemovalCause$2",
            cache + "RemovalCause$3",
            cache + "RemovalCause$4",
            cache + "RemovalCause$5")) {
      try {
        Class.forName(name, true, contextLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // another Flink version: its hook may print a trace at exit, nothing worse
      }
    }
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : FlinkSetup.class.getClassLoader();
  }
}
