package io.taskbeam.pipelines.faults;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts {@code io.taskbeam.pipelines.Main} the way {@code mvn exec:java} does: the program's
 * classpath in a class loader of its own (the thread's context loader), and a system class loader
 * that has none of it (Maven's, there). Flink's client deserializes a failed job's cause with the
 * system class loader, which is how the {@code ClassNotFoundException: SerializedThrowable} flood
 * came about; a child JVM started through this class reproduces it.
 *
 * <p>The classpath comes from the system property {@value #CLASSPATH}.
 */
public final class ExecJavaLike {
  static final String CLASSPATH = "taskbeam.test.classpath";

  private ExecJavaLike() {}

  public static void main(String[] args) throws Exception {
    URL[] urls =
        Arrays.stream(System.getProperty(CLASSPATH).split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(
                s -> {
                  try {
                    return Path.of(s).toUri().toURL();
                  } catch (java.net.MalformedURLException e) {
                    throw new IllegalArgumentException(e);
                  }
                })
            .toArray(URL[]::new);
    URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    loader
        .loadClass("io.taskbeam.pipelines.Main")
        .getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }
}
