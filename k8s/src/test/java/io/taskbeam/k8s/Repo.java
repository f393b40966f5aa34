package io.taskbeam.k8s;

import java.nio.file.Path;

/** Paths of the repository the tests check (the build passes its root as taskbeam.repoRoot). */
final class Repo {
  static final Path ROOT =
      Path.of(System.getProperty("taskbeam.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("k8s/taskbeam");
  static final Path DOCKERFILE = ROOT.resolve("flink/Dockerfile");

  private Repo() {}
}
