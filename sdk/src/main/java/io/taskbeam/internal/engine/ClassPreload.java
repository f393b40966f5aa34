package io.taskbeam.internal.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads, on a thread of its own, the classes a session's first sync point will need, while the
 * program's thread parses options and starts the session: a fresh JVM spends most of its first sync
 * point loading Beam's and the runner's classes one after the other on one core (a driver profile:
 * {@code PipelineOptionsFactory}'s static set-up 0.8 s, the Flink client and Beam's translation
 * inside the first {@code waitOn} 1.1 s). The lists ({@code preload-direct.txt}, {@code
 * preload-flink.txt}, {@code preload-flink-local.txt} for Flink's mini cluster, next to this class)
 * are the classes a first sync point loaded, in loading order, recorded by {@code
 * benchmarks/preload-lists}; a name that no longer exists is skipped. Classes are loaded and linked
 * but not initialized, so no static set-up runs early or twice. {@code -Dtaskbeam.preload=false}
 * turns it off.
 */
public final class ClassPreload {
  private ClassPreload() {}

  /** Starts the preloading thread for the runner {@code args} name (after profile expansion). */
  public static void start(List<String> args) {
    if (!Boolean.parseBoolean(System.getProperty("taskbeam.preload", "true"))) {
      return;
    }
    String list = listFor(args);
    if (list == null) {
      return;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Thread thread = new Thread(() -> load(list, loader), "taskbeam-preload");
    thread.setDaemon(true);
    thread.start();
  }

  /** The list for the runner named in {@code args}: DirectRunner unless another is named. */
  static String listFor(List<String> args) {
    String runner = "DirectRunner";
    String master = "[auto]";
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      } else if (a.startsWith("--flinkMaster=")) {
        master = a.substring("--flinkMaster=".length());
      }
    }
    if (runner.equals("DirectRunner") || runner.endsWith(".DirectRunner")) {
      return "preload-direct.txt";
    }
    if (runner.equals("FlinkRunner") || runner.endsWith(".FlinkRunner")) {
      // [local] and [auto] (Beam's default) run a Flink mini cluster in this JVM
      return master.startsWith("[") ? "preload-flink-local.txt" : "preload-flink.txt";
    }
    return null;
  }

  /**
   * Loads every listed class that exists; returns how many loaded. Never throws: preloading only
   * saves time.
   */
  static int load(String list, ClassLoader loader) {
    int loaded = 0;
    try (InputStream in = ClassPreload.class.getResourceAsStream(list)) {
      if (in == null) {
        return 0;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String name = lines.readLine(); name != null; name = lines.readLine()) {
        try {
          Class.forName(name, false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError gone) {
          // another library version or runner: the first sync point loads what it needs itself
        }
      }
    } catch (IOException | RuntimeException e) {
      // a broken list costs only the time it would have saved
    }
    return loaded;
  }
}
