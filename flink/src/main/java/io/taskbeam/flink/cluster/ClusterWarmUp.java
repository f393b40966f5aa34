package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link WarmUpJob} against a started cluster, in a JVM of its own with the cluster's own
 * classpath (so its job ships nothing), output in the run directory's {@code log/warm-up.log}.
 * Bounded by {@link #BOUND}; the JVM is ended by its pid when it overruns.
 */
final class ClusterWarmUp {
  static final Duration BOUND = Duration.ofSeconds(120);
  static final String LOG = "warm-up";

  private ClusterWarmUp() {}

  /**
   * @return how long the warm-up took
   * @throws ClusterException one line naming the log when the job failed or overran
   */
  static Duration run(
      LocalFlinkCluster cluster, ClusterDirectory runDir, String classpath, int slots) {
    Path log = runDir.logFile(LOG);
    List<String> args = new ArrayList<>();
    args.add("--runner=FlinkRunner");
    args.add("--flinkMaster=" + cluster.restAddress());
    args.add("--parallelism=" + slots);
    args.add("--workDir=" + runDir.tmpDir().resolve(LOG).toAbsolutePath());
    args.add("--observe=false");
    args.add("--metricsPort=-1");
    args.add("--progress=off");
    if (cluster.tls()) {
      args.add("--flinkTls=" + cluster.tlsClientDir().toAbsolutePath());
    }
    List<String> command =
        FlinkJvm.command(
            List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"),
            classpath,
            WarmUpJob.class.getName(),
            args);
    long begin = System.nanoTime();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new ClusterException("cannot start the warm-up job: " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ClusterException(
            "the warm-up job did not end within " + BOUND.toSeconds() + " s; see " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while the warm-up job ran; see " + log, e);
    }
    if (process.exitValue() != 0) {
      throw new ClusterException(
          "the warm-up job failed (exit " + process.exitValue() + "); see " + log);
    }
    return Duration.ofNanos(System.nanoTime() - begin);
  }
}
