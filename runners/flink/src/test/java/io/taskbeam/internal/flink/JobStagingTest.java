package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging decisions over real jars and class directories. */
class JobStagingTest {
  @TempDir Path dir;

  private Path jar(String name, String... classes) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String c : classes) {
        zip.putNextEntry(new ZipEntry(c));
        zip.write(c.getBytes());
        zip.closeEntry();
      }
    }
    return jar;
  }

  private Path classesDir(String name, String... classes) throws IOException {
    Path root = dir.resolve(name);
    for (String c : classes) {
      Path file = root.resolve(c);
      Files.createDirectories(file.getParent());
      Files.write(file, c.getBytes());
    }
    return root;
  }

  private static ClusterProbe.ClusterInfo cluster(Map<String, String> config) {
    return new ClusterProbe.ClusterInfo("h:8081", 2, 2, 2, config);
  }

  @Test
  void taskbeamClusterGetsOnlyWhatItLacks() throws IOException {
    Path beam = jar("beam-sdks-java-core-2.70.0.jar", "org/apache/beam/A.class");
    Path sdkJar = jar("taskbeam-sdk.jar", ClusterContract.SDK_MARKER, "io/taskbeam/X.class");
    Path sdkDir = classesDir("sdk-classes", ClusterContract.SDK_MARKER, "io/taskbeam/X.class");
    Path app = classesDir("app-classes", "com/example/App.class");
    Path extra = jar("commons-io-2.16.1.jar", "org/apache/commons/io/A.class");
    Map<String, String> contract =
        Map.of(
            ClusterContract.PROVIDED_JARS,
            "beam-sdks-java-core-2.70.0.jar,other.jar",
            ClusterContract.SDK_FINGERPRINT,
            ClusterContract.fingerprint(sdkJar));

    JobStaging.Decision d =
        JobStaging.decide(
            List.of(beam.toString(), sdkDir.toString(), app.toString(), extra.toString()),
            cluster(contract));
    assertThat(d.ship(), containsInAnyOrder(app.toString(), extra.toString()));
    assertThat(d.providedByCluster(), is(2));
    assertThat(d.sdkShipped(), is(false));
  }

  @Test
  void changedSdkIsShippedAndSaidSo() throws IOException {
    Path sdkDir = classesDir("sdk-classes", ClusterContract.SDK_MARKER, "io/taskbeam/New.class");
    Map<String, String> contract =
        Map.of(ClusterContract.PROVIDED_JARS, "", ClusterContract.SDK_FINGERPRINT, "0000");
    JobStaging.Decision d = JobStaging.decide(List.of(sdkDir.toString()), cluster(contract));
    assertThat(d.ship(), containsInAnyOrder(sdkDir.toString()));
    assertThat(
        d.describe(),
        containsString("the cluster runs another build of taskbeam than this program"));
  }

  /**
   * Snapshot jars keep their names across builds. With the cluster on another build, every taskbeam
   * jar ships, not just the changed one: a runner module left to the cluster linked against the
   * cluster's SDK while the job's loader defined the shipped SDK's classes again, and the job died
   * with {@code Cannot cast FlinkRunnerSupport$1$$Lambda to RunnerSupport$FailureMapper}.
   */
  @Test
  void anotherBuildOfTaskbeamShipsAllOfIt() throws IOException {
    Path clusterSdk = jar("taskbeam-sdk-0.1.0-SNAPSHOT.jar", ClusterContract.SDK_MARKER);
    Path clusterRunner =
        jar("taskbeam-flink-0.1.0-SNAPSHOT.jar", "io/taskbeam/internal/flink/Old.class");
    Path matrix = jar("taskbeam-matrix-0.1.0-SNAPSHOT.jar", "io/taskbeam/matrix/Gemm.class");
    Path beam = jar("beam-sdks-java-core-2.70.0.jar", "org/apache/beam/A.class");
    Map<String, String> contract =
        Map.of(
            ClusterContract.PROVIDED_JARS,
            "beam-sdks-java-core-2.70.0.jar,taskbeam-flink-0.1.0-SNAPSHOT.jar,"
                + "taskbeam-matrix-0.1.0-SNAPSHOT.jar",
            ClusterContract.SDK_FINGERPRINT,
            ClusterContract.fingerprint(clusterSdk),
            ClusterContract.TASKBEAM_FINGERPRINTS,
            String.join(
                ",",
                ClusterContract.fingerprint(clusterSdk),
                ClusterContract.fingerprint(clusterRunner),
                ClusterContract.fingerprint(matrix)));
    Path sdk = clusterSdk;
    Path app = classesDir("app-classes", "io/taskbeam/pipelines/App.class");

    // the same build: only the application ships
    JobStaging.Decision same =
        JobStaging.decide(
            List.of(
                beam.toString(),
                sdk.toString(),
                clusterRunner.toString(),
                matrix.toString(),
                app.toString()),
            cluster(contract));
    assertThat(same.ship(), containsInAnyOrder(app.toString()));
    assertThat(same.providedByCluster(), is(4));
    assertThat(same.sdkShipped(), is(false));

    // only the runner module was rebuilt, under the same name: all of taskbeam ships, Beam stays
    Files.delete(clusterRunner);
    Path newRunner =
        jar("taskbeam-flink-0.1.0-SNAPSHOT.jar", "io/taskbeam/internal/flink/New.class");
    JobStaging.Decision other =
        JobStaging.decide(
            List.of(
                beam.toString(),
                sdk.toString(),
                newRunner.toString(),
                matrix.toString(),
                app.toString()),
            cluster(contract));
    assertThat(
        other.ship(),
        containsInAnyOrder(
            sdk.toString(), newRunner.toString(), matrix.toString(), app.toString()));
    assertThat(other.providedByCluster(), is(1));
    assertThat(other.describe(), containsString("this program's taskbeam jars are shipped"));
  }

  @Test
  void plainFlinkClusterGetsEverythingButFlink() throws IOException {
    Path flink = jar("flink-runtime-1.19.0.jar", "org/apache/flink/A.class");
    Path beam = jar("beam-sdks-java-core-2.70.0.jar", "org/apache/beam/A.class");
    JobStaging.Decision d =
        JobStaging.decide(List.of(flink.toString(), beam.toString()), cluster(Map.of()));
    assertThat(d.ship(), containsInAnyOrder(beam.toString()));
    assertThat(d.describe(), containsString("the cluster publishes no taskbeam classpath"));
  }

  /** Beam's other runners stay home on every kind of cluster: the direct runner bundles Beam. */
  @Test
  void otherRunnersAreNeverShipped() throws IOException {
    Path direct = jar("beam-runners-direct-java-2.70.0.jar", "org/apache/beam/sdk/A.class");
    Path spark = jar("beam-runners-spark-3-2.70.0.jar", "org/apache/beam/runners/spark/A.class");
    Path flinkRunner = jar("beam-runners-flink-1.19-2.70.0.jar", "org/apache/beam/F.class");
    Path core = jar("beam-runners-core-java-2.70.0.jar", "org/apache/beam/C.class");
    List<String> classpath =
        List.of(direct.toString(), spark.toString(), flinkRunner.toString(), core.toString());
    JobStaging.Decision plain = JobStaging.decide(classpath, cluster(Map.of()));
    assertThat(plain.ship(), containsInAnyOrder(flinkRunner.toString(), core.toString()));
    Path sdkJar = jar("taskbeam-sdk.jar", ClusterContract.SDK_MARKER);
    JobStaging.Decision taskbeam =
        JobStaging.decide(
            classpath,
            cluster(
                Map.of(
                    ClusterContract.PROVIDED_JARS,
                    "beam-runners-flink-1.19-2.70.0.jar",
                    ClusterContract.SDK_FINGERPRINT,
                    ClusterContract.fingerprint(sdkJar))));
    assertThat(taskbeam.ship(), containsInAnyOrder(core.toString()));
    assertThat(taskbeam.providedByCluster(), is(1));
  }

  @Test
  void fingerprintIsTheSameForJarAndDirectory() throws IOException {
    Path jar = jar("a.jar", "io/taskbeam/A.class", "io/taskbeam/b/B.class", "META-INF/x.txt");
    Path classes = classesDir("classes", "io/taskbeam/b/B.class", "io/taskbeam/A.class");
    assertThat(ClusterContract.fingerprint(jar), is(ClusterContract.fingerprint(classes)));
  }

  @Test
  void stagingLaysOutJarsOnceAndDirectoriesBecomeJars() throws IOException {
    Path app = classesDir("app-classes", "com/example/App.class", "com/example/util/Io.class");
    Path lib = jar("lib-1.0.jar", "lib/Lib.class");
    List<java.net.URL> urls =
        JobStaging.stage(
            List.of(app.toString(), lib.toString()), dir.resolve("session/job-classes"));
    assertThat(urls.size(), is(2));
    Path appJar = Path.of(java.net.URI.create(urls.get(0).toString()));
    assertThat(appJar.getFileName().toString(), is("000-app-classes.jar"));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(appJar.toFile())) {
      assertThat(
          zip.stream().map(ZipEntry::getName).toList(),
          containsInAnyOrder("com/example/App.class", "com/example/util/Io.class"));
      assertThat(
          new String(zip.getInputStream(zip.getEntry("com/example/App.class")).readAllBytes()),
          is("com/example/App.class"));
    }
    Path libCopy = Path.of(java.net.URI.create(urls.get(1).toString()));
    assertThat(libCopy.getFileName().toString(), is("001-lib-1.0.jar"));
    assertThat(Files.mismatch(lib, libCopy), is(-1L));
  }
}
