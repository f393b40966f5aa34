package io.taskbeam.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.taskbeam.testlab.NetnsLab;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rendered pod turned into a process on this machine, changing only what Kubernetes and the
 * image would provide: image paths become the build's files (from flink/Dockerfile's COPY lines),
 * each volume mount becomes a directory (ConfigMap: its rendered data; emptyDir: a fresh directory;
 * the shared volume: one directory for all pods), the environment is the image's ENV plus the
 * rendered env with the downward API filled in. The command, arguments and every setting are the
 * rendered ones.
 */
final class RehearsedPod {
  final String name;
  final List<String> command;
  final Map<String, String> environment;
  final Path workDir;

  /** The container's preStop exec command, mapped as {@link #command}; null without one. */
  final List<String> preStop;

  /** The pod's terminationGracePeriodSeconds (Kubernetes' default 30 when not rendered). */
  final long gracePeriodSeconds;

  private RehearsedPod(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      List<String> preStop,
      long gracePeriodSeconds) {
    this.name = name;
    this.command = command;
    this.environment = environment;
    this.workDir = workDir;
    this.preStop = preStop;
    this.gracePeriodSeconds = gracePeriodSeconds;
  }

  /**
   * @param pod the rendered pod template
   * @param name the pod's name (metadata.name in the downward API)
   * @param address the pod's IP (status.podIP)
   * @param root where this pod's directories go
   * @param image image path -> build path, from the Dockerfile
   * @param imageEnv the Dockerfile's ENV
   * @param configMaps rendered ConfigMaps by name
   * @param shared the one directory every pod gets for the volume named "shared"
   * @param secrets Secrets by name: key -> content (files of a secret volume, secretKeyRef values)
   */
  static RehearsedPod of(
      PodTemplateSpec pod,
      String name,
      String address,
      Path root,
      Map<String, Path> image,
      Map<String, String> imageEnv,
      Map<String, ConfigMap> configMaps,
      Path shared,
      Map<String, Map<String, byte[]>> secrets)
      throws IOException {
    List<Container> containers = pod.getSpec().getContainers();
    if (containers.size() != 1) {
      throw new IllegalStateException(name + ": the rehearsal runs pods of one container");
    }
    Container container = containers.get(0);
    Map<String, Path> paths = new LinkedHashMap<>(image);
    Map<String, Volume> volumes = new LinkedHashMap<>();
    pod.getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
    Path podDir = Files.createDirectories(root.resolve(name));
    Map<Path, ConfigMap> configMapDirs = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = volumes.get(mount.getName());
      Path dir;
      if (mount.getName().equals("shared")) {
        dir = shared;
      } else if (volume.getConfigMap() != null) {
        dir = Files.createDirectories(podDir.resolve("volumes").resolve(mount.getName()));
        configMapDirs.put(dir, configMaps.get(volume.getConfigMap().getName()));
      } else if (volume.getSecret() != null) {
        dir = Files.createDirectories(podDir.resolve("volumes").resolve(mount.getName()));
        Map<String, byte[]> data = secrets.get(volume.getSecret().getSecretName());
        if (data == null) {
          throw new IllegalStateException(
              name + ": no Secret " + volume.getSecret().getSecretName());
        }
        for (Map.Entry<String, byte[]> file : data.entrySet()) {
          Files.write(dir.resolve(file.getKey()), file.getValue());
        }
      } else if (volume.getEmptyDir() != null) {
        dir = Files.createDirectories(podDir.resolve("volumes").resolve(mount.getName()));
      } else {
        throw new IllegalStateException(
            name + ": the rehearsal cannot provide volume " + mount.getName());
      }
      paths.put(mount.getMountPath(), dir);
    }
    PathMapper mapper = new PathMapper(paths);
    // A ConfigMap's files name paths of the pod (the TLS stores in the Flink config): the same
    // mapping applies to their content.
    for (Map.Entry<Path, ConfigMap> e : configMapDirs.entrySet()) {
      for (Map.Entry<String, String> file : e.getValue().getData().entrySet()) {
        Files.writeString(e.getKey().resolve(file.getKey()), mapper.map(file.getValue()));
      }
    }
    List<String> command = new ArrayList<>();
    container.getCommand().forEach(c -> command.add(mapper.map(c)));
    container.getArgs().forEach(a -> command.add(mapper.map(a)));

    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("HOME", podDir.toString());
    imageEnv.forEach((k, v) -> env.put(k, mapper.map(v)));
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), mapper.map(var.getValue()));
      } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        String field = var.getValueFrom().getFieldRef().getFieldPath();
        env.put(
            var.getName(),
            switch (field) {
              case "metadata.name" -> name;
              case "status.podIP" -> address;
              default ->
                  throw new IllegalStateException(name + ": no rehearsal value for field " + field);
            });
      } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
        var ref = var.getValueFrom().getSecretKeyRef();
        byte[] value = secrets.getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
        if (value == null) {
          throw new IllegalStateException(
              name + ": no key " + ref.getKey() + " in Secret " + ref.getName());
        }
        env.put(var.getName(), new String(value, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        throw new IllegalStateException(
            name + ": the rehearsal cannot provide env " + var.getName());
      }
    }
    List<String> preStop = null;
    if (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null) {
      preStop =
          container.getLifecycle().getPreStop().getExec().getCommand().stream()
              .map(mapper::map)
              .toList();
    }
    Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
    return new RehearsedPod(
        name, List.copyOf(command), env, podDir, preStop, grace == null ? 30 : grace);
  }

  /**
   * Runs the preStop hook as the kubelet would: in the pod's namespace, with its environment; the
   * hook's output goes to {@code log}.
   */
  Process startPreStop(NetnsLab lab, Path log) throws IOException {
    if (preStop == null) {
      throw new IllegalStateException(name + " has no preStop hook");
    }
    return start(lab, preStop, log);
  }

  /** Starts the pod's command in its network namespace; stdout and stderr go to {@code log}. */
  Process start(NetnsLab lab, Path log) throws IOException {
    return start(lab, command, log);
  }

  private Process start(NetnsLab lab, List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(lab.exec(name, command))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Rewrites image and mount paths at the start of a value or line, or after {@code =}, {@code :},
   * a quote or a space, in a single pass (a rewritten path is never rewritten again), longest
   * prefix first.
   */
  static final class PathMapper {
    private final Map<String, Path> paths;
    private final Pattern pattern;

    PathMapper(Map<String, Path> paths) {
      this.paths = Map.copyOf(paths);
      String alternatives =
          paths.keySet().stream()
              .sorted(Comparator.comparing(String::length).reversed())
              .map(Pattern::quote)
              .reduce((a, b) -> a + "|" + b)
              .orElseThrow();
      this.pattern =
          Pattern.compile(
              "(^|[=:\"'\\s])(" + alternatives + ")(?=/|$|:|\"|'|\\s)", Pattern.MULTILINE);
    }

    String map(String value) {
      return pattern
          .matcher(value)
          .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + paths.get(r.group(2))));
    }
  }
}
