package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.taskbeam.flink.cluster.FlinkConfig;
import io.taskbeam.flink.spi.ClusterContract;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * flink/Dockerfile cannot be built here (no Docker engine), so this checks that everything it and
 * the chart name exists in the build (after {@code package}, which writes k8s/target/image): every
 * COPY source, the entry point the chart's containers run, the directories the image's environment
 * names, and every class a pod starts (launcher, Flink entry points, the reporter, the
 * applications) in the jars of the directory it is started from.
 */
class DockerfileIT {
  @Test
  void everyPathAndClassItNamesExists() throws Exception {
    Dockerfile docker = Dockerfile.read(Repo.DOCKERFILE);
    assertEquals(List.of(List.of("FROM", "flink:1.19-java17")), docker.all("FROM"));
    assertEquals(
        List.of(List.of("USER", "flink")), docker.all("USER"), "uid 9999, the chart's runAsUser");
    Map<String, Path> mapping = docker.pathMapping(Repo.ROOT);
    for (Dockerfile.Copy copy : docker.copies()) {
      Path source = Repo.ROOT.resolve(copy.source());
      assertTrue(Files.isDirectory(source), "COPY source " + copy.source() + " exists");
      try (Stream<Path> files = Files.list(source)) {
        assertTrue(files.findAny().isPresent(), "COPY source " + copy.source() + " is not empty");
      }
    }
    Map<String, String> env = docker.env();
    Path lib = image(mapping, env.get("TASKBEAM_LIB"));
    Path app = image(mapping, env.get("TASKBEAM_APP"));
    assertTrue(Files.isDirectory(image(mapping, env.get("FLINK_PLUGINS_DIR"))));

    // The entry point: what the Dockerfile and every rendered container run, executable.
    Path entry = image(mapping, "/opt/taskbeam/bin/taskbeam-pod");
    assertTrue(Files.isExecutable(entry), entry + " is executable (COPY keeps the mode)");
    assertEquals(
        List.of(List.of("ENTRYPOINT", "[\"/opt/taskbeam/bin/taskbeam-pod\"]")),
        docker.all("ENTRYPOINT"));
    Rendered rendered = Chart.render("image", Map.of());
    for (Deployment d : rendered.all(Deployment.class)) {
      assertEquals(
          List.of("/opt/taskbeam/bin/taskbeam-pod"),
          d.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
    }
    assertTrue(Files.readString(entry).contains("io.taskbeam.k8s.pod.PodLauncher"));

    // Classes each process starts, found in the jars of the directory it runs from.
    List<Path> libJars = jars(lib);
    List<Path> appJars = jars(app);
    FlinkConfig config =
        FlinkConfig.parse(
            rendered
                .one(ConfigMap.class, "image-taskbeam-flink-config")
                .getData()
                .get("config.yaml"),
            "rendered config.yaml");
    try (URLClassLoader cluster = loader(libJars);
        URLClassLoader driver = loader(appJars)) {
      for (String name :
          List.of(
              "io.taskbeam.k8s.pod.PodLauncher",
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
              "org.apache.flink.runtime.util.bash.BashJavaUtils",
              config.get("metrics.reporter.prom.factory.class"),
              "org.apache.beam.runners.flink.FlinkRunner",
              "io.taskbeam.TaskBeam")) {
        assertTrue(
            cluster.findResource(name.replace('.', '/') + ".class") != null, name + " in " + lib);
      }
      assertTrue(
          driver.findResource("io/taskbeam/pipelines/Main.class") != null,
          "applications in " + app);
    }
    assertThat(libJars.stream().filter(ClusterContract::holdsSdk).toList(), hasSize(1));
    // Exactly the jars of the local cluster (flink module's runtime classpath), plus the flink
    // module's and this module's own jars: what the tests run is what the image runs.
    java.util.Set<String> cluster = new java.util.TreeSet<>();
    String listing =
        new String(
            io.taskbeam.flink.cluster.FlinkConfig.class
                .getResourceAsStream("flink-runtime.classpath")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    for (String item : listing.strip().split(java.io.File.pathSeparator)) {
      Path path = Path.of(item);
      cluster.add(
          ClusterContract.holdsSdk(path)
              ? "taskbeam-sdk"
              : moduleName(path.getFileName().toString()));
    }
    cluster.add("taskbeam-flink-cluster");
    cluster.add("taskbeam-k8s");
    java.util.Set<String> inImage = new java.util.TreeSet<>();
    for (Path jar : libJars) {
      inImage.add(moduleName(jar.getFileName().toString()));
    }
    assertEquals(
        cluster,
        inImage,
        "the image's /opt/taskbeam/lib differs from the local cluster's classpath");
    // Jobs ship the app jars; none may carry Beam SDK classes beside the cluster's.
    for (Path jar : appJars) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
        assertTrue(
            zip.getEntry("org/apache/beam/sdk/coders/Coder.class") == null,
            jar + " carries Beam SDK classes");
      }
    }
    List<String> names = libJars.stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names, hasItem(startsWith("flink-runtime-1.19.")));
    assertThat(names, hasItem(startsWith("taskbeam-k8s-")));
    assertTrue(
        appJars.stream().noneMatch(ClusterContract::holdsSdk), "the SDK comes from lib, once");
  }

  /** Our own jars by module (their snapshot versions differ between a build and a listing). */
  private static String moduleName(String jarName) {
    return jarName.startsWith("taskbeam-") ? jarName.replaceFirst("-[0-9].*", "") : jarName;
  }

  private static Path image(Map<String, Path> mapping, String imagePath) {
    for (Map.Entry<String, Path> e : mapping.entrySet()) {
      if (imagePath.equals(e.getKey()) || imagePath.startsWith(e.getKey() + "/")) {
        return e.getValue()
            .resolve(imagePath.substring(e.getKey().length()).replaceFirst("^/", ""));
      }
    }
    throw new AssertionError(imagePath + " comes from no COPY of flink/Dockerfile");
  }

  private static List<Path> jars(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static URLClassLoader loader(List<Path> jars) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      urls.add(jar.toUri().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), null);
  }
}
