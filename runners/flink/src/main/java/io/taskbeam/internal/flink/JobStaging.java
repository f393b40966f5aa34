package io.taskbeam.internal.flink;

import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides which classpath entries of the driver a job ships to a Flink session cluster: only what
 * the cluster does not already have. A taskbeam cluster (see {@link ClusterContract}) provides
 * Beam, the runner and the SDK, so a job ships the application's own classes, a few kilobytes; a
 * plain Flink cluster provides only Flink, so a job ships everything else (Beam and its
 * dependencies, about 100 MB). Shipping the driver's whole classpath, Beam's default, costs about
 * 25 s per sync point.
 *
 * <p>What ships is laid out once per session ({@link #stage}) as jars in the session's work
 * directory, which every TaskManager reads anyway, and jobs name them as class path URLs: no upload
 * per job (the JobManager writes and syncs every uploaded file to disk, and each TaskManager
 * fetched each jar from the blob server again for every job).
 */
public final class JobStaging {
  /**
   * The entries to ship and why the others were left out, for the log and tests; {@code
   * sdkShipped}: the cluster runs another build of taskbeam, so all of this build's ship.
   */
  public record Decision(
      List<String> ship, int providedByCluster, boolean sdkShipped, boolean clusterHasContract) {
    /** One line for the program's output. */
    public String describe() {
      if (!clusterHasContract) {
        return "staging "
            + ship.size()
            + " classpath entries (the cluster publishes no "
            + "taskbeam classpath, so Beam and the SDK travel with every job; start clusters "
            + "with flink/bin/cluster to ship only the application)";
      }
      return "staging "
          + ship.size()
          + " classpath entries; "
          + providedByCluster
          + " are on the cluster"
          + (sdkShipped
              ? "; the cluster runs another build of taskbeam than this program, so this"
                  + " program's taskbeam jars are shipped (restart the cluster to pick them up)"
              : "");
    }
  }

  /**
   * Jars of Beam's other runners. A job on Flink never uses them, and shipping one breaks it:
   * {@code beam-runners-direct-java} bundles its own copy of Beam's SDK classes, which the job's
   * child-first class loader would load beside the cluster's ({@code cannot assign instance of
   * ...Coder to field ...KvCoder.valueCoder}).
   */
  private static final Pattern OTHER_RUNNER =
      Pattern.compile(
          "beam-runners-(direct-java|spark|prism|google-cloud-dataflow|samza|jet|twister2)");

  private JobStaging() {}

  /**
   * @param classpath the driver's classpath entries (absolute paths of jars and directories)
   * @param cluster what the cluster published in its configuration
   */
  public static Decision decide(List<String> classpath, ClusterProbe.ClusterInfo cluster) {
    String provided = cluster.config().get(ClusterContract.PROVIDED_JARS);
    String sdkFingerprint = cluster.config().get(ClusterContract.SDK_FINGERPRINT);
    String taskbeamPrints = cluster.config().get(ClusterContract.TASKBEAM_FINGERPRINTS);
    boolean contract = provided != null && sdkFingerprint != null;
    Set<String> providedNames =
        contract ? new HashSet<>(Arrays.asList(provided.split(","))) : Set.of();
    Set<String> clusterPrints =
        taskbeamPrints == null ? null : new HashSet<>(Arrays.asList(taskbeamPrints.split(",")));
    List<String> ship = new ArrayList<>();
    List<String> taskbeamOnCluster = new ArrayList<>();
    int onCluster = 0;
    boolean otherBuild = false;
    for (String entry : classpath) {
      Path path = Path.of(entry);
      String name = path.getFileName() == null ? entry : path.getFileName().toString();
      boolean jar = Files.isRegularFile(path);
      if (jar && OTHER_RUNNER.matcher(name).lookingAt()) {
        continue; // neither on the cluster nor shipped: see OTHER_RUNNER
      }
      boolean skip;
      if (!contract) {
        skip = jar && name.startsWith("flink-");
      } else if (mayHoldTaskbeam(name, jar, providedNames) && ClusterContract.holdsTaskbeam(path)) {
        boolean sdk = ClusterContract.holdsSdk(path);
        String print = ClusterContract.fingerprint(path);
        if (sdk) {
          skip = sdkFingerprint.equals(print);
        } else if (clusterPrints != null) {
          skip = clusterPrints.contains(print);
        } else {
          // a cluster that publishes no fingerprint but the SDK's: its modules by name
          skip = providedNames.contains(name);
        }
        if (skip) {
          taskbeamOnCluster.add(entry);
        } else if (sdk || providedNames.contains(name)) {
          otherBuild = true; // the cluster has this module, from another build
        }
      } else {
        skip = jar && providedNames.contains(name);
      }
      if (skip) {
        onCluster++;
      } else if (Files.exists(path)) {
        ship.add(entry);
      }
    }
    if (otherBuild) {
      // One build of taskbeam per job: the job's class loader takes its taskbeam classes
      // child-first, so a module left to the cluster would link against the cluster's copy of the
      // SDK while the shipped SDK defines the same classes again (ClassCastException between them).
      ship.addAll(taskbeamOnCluster);
      onCluster -= taskbeamOnCluster.size();
    }
    return new Decision(List.copyOf(ship), onCluster, otherBuild, contract);
  }

  /**
   * Whether an entry is worth opening to look for taskbeam classes: the cluster's third-party jars
   * (Beam, gRPC, ...) are trusted by their versioned names without reading their ~160 indexes.
   */
  private static boolean mayHoldTaskbeam(String name, boolean jar, Set<String> providedNames) {
    return !jar || name.startsWith("taskbeam-") || !providedNames.contains(name);
  }

  /**
   * Copies {@code entries} (jars and class directories) into {@code dir} as jars, once per session,
   * and returns their URLs for {@code pipeline.classpaths}. A directory becomes a jar of its files;
   * entries keep their order (the first wins in the job's class loader).
   */
  public static List<URL> stage(List<String> entries, Path dir) {
    List<URL> urls = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      int n = 0;
      for (String entry : entries) {
        Path source = Path.of(entry);
        String name = source.getFileName() == null ? "entry" : source.getFileName().toString();
        Path target =
            dir.resolve(
                String.format("%03d-%s", n++, name) + (Files.isDirectory(source) ? ".jar" : ""));
        if (Files.isDirectory(source)) {
          zip(source, target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        urls.add(target.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage the job's classes in " + dir + ": " + e.getMessage(), e);
    }
    return List.copyOf(urls);
  }

  private static void zip(Path directory, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (Files.isRegularFile(p)) {
          out.putNextEntry(new JarEntry(directory.relativize(p).toString().replace('\\', '/')));
          Files.copy(p, out);
          out.closeEntry();
        }
      }
    }
  }
}
