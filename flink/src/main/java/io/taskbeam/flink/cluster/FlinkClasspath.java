package io.taskbeam.flink.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the jars the Flink JVMs run on: this module's runtime dependencies (flink-clients and what
 * it brings, flink-runtime-web, the Prometheus reporter, log4j2).
 *
 * <p>Why a file written at build time and not the launcher's own {@code java.class.path}: under
 * surefire/failsafe that property names only a manifest booter jar, and in another module's tests
 * it also holds test jars (JUnit, Beam, a second slf4j binding) that do not belong on a cluster.
 * {@code maven-dependency-plugin:build-classpath} writes exactly the runtime scope, as absolute
 * paths into the local Maven repository, to the resource {@value #RESOURCE} next to this class, so
 * the list travels with the classes (target/classes or the module jar) wherever they are used on
 * the machine that built them. The system property {@value #PROPERTY} overrides it.
 */
final class FlinkClasspath {
  /** Overrides the bundled list: entries separated by the platform path separator. */
  static final String PROPERTY = "taskbeam.flink.classpath";

  static final String RESOURCE = "flink-runtime.classpath";

  private FlinkClasspath() {}

  /** The runtime jars, checked to exist. */
  static List<String> resolve() {
    String explicit = System.getProperty(PROPERTY);
    String listing = explicit != null ? explicit : readResource();
    List<String> entries = parse(listing);
    if (entries.stream()
        .noneMatch(e -> Path.of(e).getFileName().toString().startsWith("flink-runtime-"))) {
      throw new ClusterException(
          "the Flink classpath " + source(explicit) + " has no flink-runtime jar");
    }
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        throw new ClusterException(
            "Flink classpath entry "
                + entry
                + " from "
                + source(explicit)
                + " does not exist; rebuild with: ./mvnw -pl flink -am compile");
      }
    }
    return entries;
  }

  /**
   * Extra entries for every Flink JVM: a jar is added as is; a directory is added both as a classes
   * directory and as {@code dir/*} (every jar in it, expanded by {@code java}).
   */
  static List<String> extraEntries(List<Path> extra) {
    List<String> entries = new ArrayList<>();
    for (Path path : extra) {
      Path absolute = path.toAbsolutePath().normalize();
      if (!Files.exists(absolute)) {
        throw new ClusterException("extra classpath entry " + absolute + " does not exist");
      }
      entries.add(absolute.toString());
      if (Files.isDirectory(absolute)) {
        entries.add(absolute + File.separator + "*");
      }
    }
    return entries;
  }

  /**
   * The launcher's own classes (this module's output or jar): they hold the loopback Prometheus
   * reporter ({@code io.taskbeam.flink.metrics}) the generated config names.
   */
  static List<String> launcherEntry() {
    try {
      return List.of(
          Path.of(FlinkClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new ClusterException("cannot locate the launcher's classes: " + e.getMessage(), e);
    }
  }

  static List<String> parse(String listing) {
    return Arrays.stream(listing.strip().split(File.pathSeparator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String readResource() {
    try (InputStream in = FlinkClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ClusterException(
            "resource "
                + RESOURCE
                + " is missing (it is written at build time); "
                + "build with: ./mvnw -pl flink -am compile, or set -D"
                + PROPERTY);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static String source(String explicit) {
    return explicit != null ? "-D" + PROPERTY : "resource " + RESOURCE;
  }
}
