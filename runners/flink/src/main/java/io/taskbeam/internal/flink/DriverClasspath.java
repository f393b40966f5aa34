package io.taskbeam.internal.flink;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath the driver's program runs with, as candidates for staging: the entries of the
 * program's own class loader, and not those of the loaders above it. Under {@code mvn exec:java}
 * the program's loader is a {@link URLClassLoader} below Maven's own (whose 50 jars a job must not
 * carry); under {@code java -cp} and surefire it is the application loader, read from {@code
 * java.class.path}, where a manifest-only jar (surefire's booter) is expanded to the entries its
 * {@code Class-Path} names.
 */
final class DriverClasspath {
  private DriverClasspath() {}

  static List<String> of(ClassLoader loader) {
    Set<String> entries = new LinkedHashSet<>();
    if (loader instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        add(entries, toPath(url));
      }
    } else {
      for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          add(entries, Path.of(entry));
        }
      }
    }
    return new ArrayList<>(entries);
  }

  private static void add(Set<String> entries, Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    Path absolute = path.toAbsolutePath().normalize();
    List<Path> manifestEntries = manifestClassPath(absolute);
    if (manifestEntries.isEmpty()) {
      entries.add(absolute.toString());
    } else {
      manifestEntries.forEach(p -> add(entries, p));
    }
  }

  /** The entries a manifest-only jar names; empty for an ordinary jar or a directory. */
  private static List<Path> manifestClassPath(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null || file.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
        return List.of();
      }
      List<Path> paths = new ArrayList<>();
      for (String item : classPath.trim().split("\\s+")) {
        Path p = toPath(new URL(jar.toUri().toURL(), item));
        if (p != null) {
          paths.add(p);
        }
      }
      return paths;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path toPath(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return null;
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
