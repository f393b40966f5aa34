package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cluster publishes about its classpath, over real jars. */
class ClasspathSnapshotTest {
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

  /**
   * {@code runners/flink/target/classes} and {@code flink/target/classes} both packed into {@code
   * flink-classes.jar}, the second over the first: the cluster lost the Flink runner module, and
   * every job failed with {@code Cannot cast java.lang.invoke.SerializedLambda to
   * RunnerSupport$FailureMapper}.
   */
  @Test
  void twoModulesOfOneNameKeepTheirOwnCopies() throws IOException {
    Path runner = classes("runners/flink", "io/taskbeam/internal/flink/Runner.class");
    Path launcher = classes("flink", "io/taskbeam/flink/cluster/Cli.class");
    Path sdk = jar("taskbeam-sdk-0.1.0-SNAPSHOT.jar", ClusterContract.SDK_MARKER);
    ClasspathSnapshot snapshot =
        ClasspathSnapshot.take(
            List.of(sdk.toString(), runner.toString(), launcher.toString()), dir.resolve("lib"));
    assertThat(
        snapshot.entries(),
        containsInAnyOrder(
            dir.resolve("lib").resolve("taskbeam-sdk-0.1.0-SNAPSHOT.jar").toString(),
            dir.resolve("lib").resolve("flink-classes.jar").toString(),
            dir.resolve("lib").resolve("flink-classes-2.jar").toString()));
    assertThat(
        Arrays.asList(snapshot.contract().get(ClusterContract.TASKBEAM_FINGERPRINTS).split(",")),
        containsInAnyOrder(
            ClusterContract.fingerprint(sdk),
            ClusterContract.fingerprint(runner),
            ClusterContract.fingerprint(launcher)));
  }

  private Path classes(String module, String... classFiles) throws IOException {
    Path root = dir.resolve(module).resolve("target").resolve("classes");
    for (String c : classFiles) {
      Path file = root.resolve(c);
      Files.createDirectories(file.getParent());
      Files.write(file, c.getBytes());
    }
    return root;
  }

  @Test
  void publishesTheFingerprintOfEveryTaskbeamEntry() throws IOException {
    Path sdk = jar("taskbeam-sdk-0.1.0-SNAPSHOT.jar", ClusterContract.SDK_MARKER);
    Path runner = jar("taskbeam-flink-0.1.0-SNAPSHOT.jar", "io/taskbeam/internal/flink/A.class");
    Path beam = jar("beam-sdks-java-core-2.70.0.jar", "org/apache/beam/A.class");
    ClasspathSnapshot snapshot =
        ClasspathSnapshot.take(
            List.of(sdk.toString(), runner.toString(), beam.toString()), dir.resolve("lib"));
    assertThat(
        snapshot.contract().get(ClusterContract.SDK_FINGERPRINT),
        is(ClusterContract.fingerprint(sdk)));
    assertThat(
        Arrays.asList(snapshot.contract().get(ClusterContract.TASKBEAM_FINGERPRINTS).split(",")),
        containsInAnyOrder(ClusterContract.fingerprint(sdk), ClusterContract.fingerprint(runner)));
    assertThat(
        Arrays.asList(snapshot.contract().get(ClusterContract.PROVIDED_JARS).split(",")),
        containsInAnyOrder(runner.getFileName().toString(), beam.getFileName().toString()));
    // a later `mvn install` rewrites snapshot jars in place: the cluster runs copies of them
    assertThat(
        snapshot.entries(),
        containsInAnyOrder(
            dir.resolve("lib").resolve(sdk.getFileName()).toString(),
            dir.resolve("lib").resolve(runner.getFileName()).toString(),
            beam.toString()));
  }
}
