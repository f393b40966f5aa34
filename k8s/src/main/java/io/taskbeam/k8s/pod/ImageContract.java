package io.taskbeam.k8s.pod;

import io.taskbeam.internal.flink.ClusterContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    List<String> names = new ArrayList<>();
    String fingerprint = null;
    List<String> taskbeam = new ArrayList<>();
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        if (ClusterContract.holdsTaskbeam(jar)) {
          taskbeam.add(ClusterContract.fingerprint(jar));
        }
        if (ClusterContract.holdsSdk(jar)) {
          if (fingerprint != null) {
            throw new PodException(lib + " holds two taskbeam SDK jars; the image must have one");
          }
          fingerprint = ClusterContract.fingerprint(jar);
        } else {
          names.add(jar.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new PodException("cannot list " + lib + ": " + e.getMessage(), e);
    }
    if (fingerprint == null) {
      throw new PodException(
          lib
              + " has no taskbeam SDK jar ("
              + ClusterContract.SDK_MARKER
              + "); the image is incomplete");
    }
    Map<String, String> contract = new LinkedHashMap<>();
    contract.put(ClusterContract.PROVIDED_JARS, String.join(",", names));
    contract.put(ClusterContract.SDK_FINGERPRINT, fingerprint);
    contract.put(ClusterContract.TASKBEAM_FINGERPRINTS, String.join(",", taskbeam));
    return contract;
  }
}
