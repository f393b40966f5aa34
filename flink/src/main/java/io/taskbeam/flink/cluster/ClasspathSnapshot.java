package io.taskbeam.flink.cluster;

import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Freezes the cluster's classpath at start and describes it to clients.
 *
 * <p>Released jars from the local Maven repository never change under a version, so they are used
 * in place. Build outputs of this project (a {@code target/classes} directory, a jar under {@code
 * target/}) change with every build, and so do its SNAPSHOT jars in the local repository (every
 * {@code mvn install} rewrites them under the same name); a running cluster must not see half a
 * rebuild, so every entry with taskbeam classes is copied into the run directory's {@code lib/} (a
 * directory as a jar).
 *
 * <p>The result also fills the {@link ClusterContract} keys, so a driver ships only what the
 * cluster lacks: the names of the jars, and the fingerprints of the taskbeam classes.
 */
final class ClasspathSnapshot {
  private final List<String> entries;
  private final Map<String, String> contract;

  private ClasspathSnapshot(List<String> entries, Map<String, String> contract) {
    this.entries = entries;
    this.contract = contract;
  }

  static ClasspathSnapshot take(List<String> classpath, Path libDir) throws IOException {
    List<String> entries = new ArrayList<>();
    ClusterContract.Publication contract = new ClusterContract.Publication();
    for (String entry : classpath) {
      Path path = Path.of(entry);
      if (entry.endsWith("*") || !Files.exists(path)) {
        entries.add(entry);
        continue;
      }
      boolean taskbeam = ClusterContract.holdsTaskbeam(path);
      Path used = isBuildOutput(path) || taskbeam ? copy(path, libDir) : path;
      entries.add(used.toString());
      contract.add(used, taskbeam);
    }
    return new ClasspathSnapshot(List.copyOf(entries), contract.keys());
  }

  /** The classpath entries every Flink JVM runs with. */
  List<String> entries() {
    return entries;
  }

  /** The {@link ClusterContract} keys; empty when the classpath has no taskbeam SDK. */
  Map<String, String> contract() {
    return contract;
  }

  private static boolean isBuildOutput(Path path) {
    for (Path part : path.toAbsolutePath()) {
      if (part.toString().equals("target")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code <stem>.jar}, or {@code <stem>-2.jar}, ... when an earlier entry took the name: two
   * modules may share a directory name ({@code runners/flink} and {@code flink}), and a copy that
   * overwrote the other left the cluster without the Flink runner module's classes.
   */
  private static Path unused(Path libDir, String stem, String suffix) {
    Path candidate = libDir.resolve(stem + suffix);
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = libDir.resolve(stem + "-" + n + suffix);
    }
    return candidate;
  }

  private static String stem(String jarName) {
    return jarName.endsWith(".jar") ? jarName.substring(0, jarName.length() - 4) : jarName;
  }

  /** Copies a jar, or packs a classes directory into {@code <module>-classes.jar}. */
  private static Path copy(Path path, Path libDir) throws IOException {
    Files.createDirectories(libDir);
    if (Files.isRegularFile(path)) {
      Path target = unused(libDir, stem(path.getFileName().toString()), ".jar");
      Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    }
    Path module = path.toAbsolutePath().getParent().getParent();
    Path jar = unused(libDir, module.getFileName() + "-" + path.getFileName(), ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(path)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(file)) {
          zip.putNextEntry(new ZipEntry(path.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
    }
    return jar;
  }
}
