package io.taskbeam.k8s.pod;

import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@link ClusterContract} keys of the image's classpath ({@code /opt/taskbeam/lib}): the names
 * of its jars, the fingerprint of its taskbeam SDK jar and of every jar with taskbeam classes. The
 * JobManager publishes them, so the driver ships only what the cluster lacks: the application's
 * jar.
 */
final class ImageContract {
  private ImageContract() {}

  static Map<String, String> of(Path lib) {
    ClusterContract.Publication contract = new ClusterContract.Publication();
    try (Stream<Path> files = Files.list(lib)) {
      files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(contract::add);
    } catch (IOException e) {
      throw new PodException("cannot list " + lib + ": " + e.getMessage(), e);
    }
    if (contract.sdkEntries().size() > 1) {
      throw new PodException(lib + " holds two taskbeam SDK jars; the image must have one");
    }
    if (contract.sdkEntries().isEmpty()) {
      throw new PodException(
          lib
              + " has no taskbeam SDK jar ("
              + ClusterContract.SDK_MARKER
              + "); the image is incomplete");
    }
    return contract.keys();
  }
}
