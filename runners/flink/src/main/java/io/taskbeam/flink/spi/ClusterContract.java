package io.taskbeam.flink.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a taskbeam Flink cluster tells its clients about its own classpath, so a driver ships only
 * what the cluster lacks. A cluster started by {@code flink/bin/cluster} (or the Kubernetes image)
 * has Beam, the Flink runner, EJML and the taskbeam SDK on every JVM's classpath, and publishes two
 * keys in its configuration, which clients read from {@code GET /jobmanager/config}:
 *
 * <ul>
 *   <li>{@value #PROVIDED_JARS}: the file names of the jars on the cluster's classpath
 *       (comma-separated; jar names from Maven repositories carry their version);
 *   <li>{@value #SDK_FINGERPRINT}: {@link #fingerprint} of the cluster's taskbeam SDK classes, so a
 *       driver built from changed SDK sources notices and ships its own copy;
 *   <li>{@value #TASKBEAM_FINGERPRINTS}: the fingerprints of every classpath entry with taskbeam
 *       classes (the SDK, the Flink runner module, the matrix module), comma-separated. Snapshot
 *       jars keep their name from build to build, so a name alone cannot tell a driver that the
 *       cluster runs another build of the runner module;
 *   <li>{@value #SUPERVISED}: {@code true} when a supervisor restarts a dead JobManager;
 *   <li>{@value #RUN_DIR}: the cluster's run directory, where {@code cluster remove-taskmanager}
 *       marks a TaskManager as leaving ({@link WorkerLeaving}); drivers that see it take part in
 *       the drain.
 * </ul>
 *
 * <p>Flink ignores keys it does not know, so the contract costs the cluster nothing.
 */
public final class ClusterContract {
  public static final String PROVIDED_JARS = "taskbeam.cluster.provided-jars";
  public static final String SDK_FINGERPRINT = "taskbeam.cluster.sdk-fingerprint";

  /**
   * {@code true} when the cluster was started with {@code flink/bin/cluster start --supervise}: a
   * JobManager that dies comes back at the same address, so a driver waits for it ({@code
   * --clusterWaitSeconds}) instead of ending.
   */
  public static final String SUPERVISED = "taskbeam.cluster.supervised";

  /** The absolute path of the cluster's run directory ({@link WorkerLeaving}). */
  public static final String RUN_DIR = "taskbeam.cluster.run-dir";

  public static final String TASKBEAM_FINGERPRINTS = "taskbeam.cluster.taskbeam-fingerprints";

  /** Where every taskbeam class lives. */
  private static final String TASKBEAM_PACKAGE = "io/taskbeam/";

  /** A class only the taskbeam SDK has: marks the classpath entry that holds the SDK. */
  public static final String SDK_MARKER = "io/taskbeam/TaskBeam.class";

  private ClusterContract() {}

  /**
   * The keys a cluster publishes about its classpath, gathered entry by entry as its JVMs use them
   * (the local cluster's {@code lib/}, the image's): each entry's classes are read once.
   */
  public static final class Publication {
    private final List<String> jarNames = new ArrayList<>();
    private final List<String> taskbeamPrints = new ArrayList<>();
    private final List<Path> sdkEntries = new ArrayList<>();
    private String sdkPrint;

    /** Adds an entry. */
    public void add(Path entry) {
      add(entry, holdsTaskbeam(entry));
    }

    /** Adds an entry whose {@link #holdsTaskbeam} answer the caller already has. */
    public void add(Path entry, boolean taskbeam) {
      boolean sdk = taskbeam && holdsSdk(entry);
      if (taskbeam) {
        String print = fingerprint(entry);
        taskbeamPrints.add(print);
        if (sdk) {
          sdkEntries.add(entry);
          sdkPrint = print;
        }
      }
      if (!sdk && Files.isRegularFile(entry)) {
        jarNames.add(entry.getFileName().toString());
      }
    }

    /** The entries that hold the taskbeam SDK, in the order added. */
    public List<Path> sdkEntries() {
      return List.copyOf(sdkEntries);
    }

    /** The three keys; none when no entry holds the SDK (then it is not a taskbeam cluster). */
    public Map<String, String> keys() {
      Map<String, String> keys = new LinkedHashMap<>();
      if (sdkPrint != null) {
        keys.put(PROVIDED_JARS, String.join(",", jarNames));
        keys.put(SDK_FINGERPRINT, sdkPrint);
        keys.put(TASKBEAM_FINGERPRINTS, String.join(",", taskbeamPrints));
      }
      return keys;
    }
  }

  /** Whether a classpath entry (jar or classes directory) holds the taskbeam SDK. */
  public static boolean holdsSdk(Path entry) {
    return holds(
        entry,
        dir -> Files.isRegularFile(dir.resolve(SDK_MARKER)),
        zip -> zip.getEntry(SDK_MARKER) != null);
  }

  /** Whether a classpath entry (jar or classes directory) holds any taskbeam class. */
  public static boolean holdsTaskbeam(Path entry) {
    return holds(
        entry,
        dir -> Files.isDirectory(dir.resolve(TASKBEAM_PACKAGE)),
        zip -> zip.stream().anyMatch(e -> e.getName().startsWith(TASKBEAM_PACKAGE)));
  }

  /** Asks a classes directory or a jar; anything else (missing, not a jar) holds nothing. */
  private static boolean holds(Path entry, Predicate<Path> inDirectory, Predicate<ZipFile> inJar) {
    if (Files.isDirectory(entry)) {
      return inDirectory.test(entry);
    }
    if (!Files.isRegularFile(entry)) {
      return false;
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      return inJar.test(zip);
    } catch (IOException notAJar) {
      return false;
    }
  }

  /**
   * SHA-256 over every {@code .class} file of a jar or classes directory, in name order: equal for
   * the same compiled classes whether they sit in {@code target/classes} or in a jar.
   */
  public static String fingerprint(Path entry) {
    Map<String, byte[]> classes = new TreeMap<>();
    try {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.walk(entry)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            if (file.toString().endsWith(".class")) {
              classes.put(
                  entry.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
          }
        }
      } else {
        try (ZipFile zip = new ZipFile(entry.toFile())) {
          for (ZipEntry e : java.util.Collections.list(zip.entries())) {
            if (e.getName().endsWith(".class")) {
              try (InputStream in = zip.getInputStream(e)) {
                classes.put(e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath entry " + entry, e);
    }
    MessageDigest sha = sha256();
    classes.forEach(
        (name, bytes) -> {
          sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          sha.update((byte) 0);
          sha.update(bytes);
        });
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
