package io.taskbeam.internal.engine;

import io.taskbeam.internal.beam.RunnerSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;

/**
 * Loads, on a thread of its own, the classes a session's first sync point will need, while the
 * program's thread parses options and starts the session: a fresh JVM spends most of its first sync
 * point loading Beam's and the runner's classes one after the other on one core (a driver profile:
 * {@code PipelineOptionsFactory}'s static set-up 0.8 s, the Flink client and Beam's translation
 * inside the first {@code waitOn} 1.1 s).
 *
 * <p>The list comes from the chosen runner's artifact ({@link RunnerSupport#preloadList}: the
 * DirectRunner's {@code preload-direct.txt}, Flink's {@code preload-flink.txt} and {@code
 * preload-flink-local.txt} for its mini cluster), which knows those classes; the SDK names none. A
 * list holds the classes a first sync point loaded, in loading order, recorded by {@code
 * benchmarks/preload-lists}; a name that no longer exists is skipped. Classes are loaded and linked
 * but not initialized, so no static set-up runs early or twice. {@code -Dtaskbeam.preload=false}
 * turns it off.
 */
public final class ClassPreload {
  private static final String DIRECT_RUNNER = "org.apache.beam.runners.direct.DirectRunner";

  private ClassPreload() {}

  /**
   * Starts the preloading thread for the runner {@code args} name (after profile expansion). The
   * runner's support is found on that thread too, so the program's thread pays nothing.
   */
  public static void start(List<String> args) {
    if (!Boolean.parseBoolean(System.getProperty("taskbeam.preload", "true"))) {
      return;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<String> copy = List.copyOf(args);
    Thread thread =
        new Thread(
            () -> {
              URL list = listFor(copy, supports());
              if (list != null) {
                load(list, loader);
              }
            },
            "taskbeam-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static Iterable<RunnerSupport> supports() {
    return ServiceLoader.load(RunnerSupport.class, RunnerSupport.class.getClassLoader());
  }

  /**
   * The list that the support of the runner named in {@code args} offers, or null (no support for
   * that runner, or it offers no list).
   */
  static URL listFor(List<String> args, Iterable<RunnerSupport> supports) {
    try {
      String runner = runnerClass(args);
      for (RunnerSupport support : supports) {
        if (support.supports(runner)) {
          String name = support.preloadList(args);
          return name == null ? null : support.getClass().getResource(name);
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // a broken runner artifact costs only the time the list would have saved
    }
    return null;
  }

  /**
   * The runner class {@code args} name: the last {@code --runner}, DirectRunner when none. A short
   * name is matched as Beam matches it: against the simple names of the runners registered with
   * Beam, ignoring case, with or without the {@code Runner} suffix; one that matches none is
   * returned as given.
   */
  static String runnerClass(List<String> args) {
    String runner = null;
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      }
    }
    if (runner == null) {
      return DIRECT_RUNNER;
    }
    if (runner.contains(".")) {
      return runner;
    }
    String wanted = runner.toLowerCase(Locale.ROOT);
    for (PipelineRunnerRegistrar registrar :
        ServiceLoader.load(PipelineRunnerRegistrar.class, ClassPreload.class.getClassLoader())) {
      for (Class<? extends PipelineRunner<?>> c : registrar.getPipelineRunners()) {
        String simple = c.getSimpleName().toLowerCase(Locale.ROOT);
        if (simple.equals(wanted) || simple.equals(wanted + "runner")) {
          return c.getName();
        }
      }
    }
    return runner;
  }

  /**
   * Loads every listed class that exists; returns how many loaded. Never throws: preloading only
   * saves time.
   */
  static int load(URL list, ClassLoader loader) {
    int loaded = 0;
    try (InputStream in = list.openStream()) {
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
