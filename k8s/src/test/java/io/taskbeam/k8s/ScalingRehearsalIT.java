package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.taskbeam.flink.spi.WorkerLeaving;
import io.taskbeam.pipelines.kmeans.GatedKMeans;
import io.taskbeam.testlab.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Workers that join and leave a running program, on the chart's rendered pods rehearsed as real
 * processes in network namespaces ({@link RehearsalIT}'s way): k-means ({@link GatedKMeans}, the
 * chart's {@code app.mainClass}, held between two sync points) runs against two TaskManager pods; a
 * third pod of the rendered TaskManager template starts (a scale-up) and runs tasks of the
 * program's next jobs; then that pod is terminated the way the kubelet does it: the rendered
 * preStop hook, SIGTERM when it returns, SIGKILL at the end of the rendered grace period. The hook
 * must say it drained the TaskManager, the TaskManager must end on SIGTERM, no task may fail and no
 * job restart, the program's later jobs run on the two slots left, k-means' result is verified, and
 * nothing the test started runs afterwards.
 *
 * <p>The holds make it independent of the host's speed: the join and the leave happen while the
 * program waits in its own code, after iteration 1 and after iteration 3.
 */
class ScalingRehearsalIT {
  private static final String RELEASE = "scaling";
  private static final String FULLNAME = RELEASE + "-taskbeam";
  private static final long STEP_SECONDS = 240;

  @Test
  void aTaskManagerPodJoinsAndOneLeavesWhileKmeansRuns() throws Exception {
    String ip = NetnsLab.findIp();
    Assumptions.assumeTrue(ip != null, "rehearsal skipped: no `ip` command (iproute2)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "rehearsal skipped: network namespaces need root (CI runs as root)");
    Path root = Path.of("target", "rehearsal-scaling").toAbsolutePath();
    RehearsalIT.deleteRecursively(root);
    Path shared = Files.createDirectories(root.resolve("shared"));
    Path logs = Files.createDirectories(root.resolve("logs"));
    Path gates = shared.resolve("gates");

    Rendered rendered =
        Chart.render(
            RELEASE,
            Chart.values(
                "worker.number", 2,
                "worker.slots", 1,
                "worker.resources.cpu", 1,
                "worker.resources.memory", "1.5",
                "worker.drainSeconds", 60,
                "jobmanager.resources.memory", 1,
                "app.mainClass", GatedKMeans.class.getName(),
                "app.params.gates", "/shared/gates",
                "app.params.holdAfter", "1,3",
                "app.params.points", 100000,
                "app.params.dims", 3,
                "app.params.k", 24,
                "app.params.fragments", 6,
                "app.params.epsilon", 0,
                "app.params.maxIterations", 6,
                "driver.waitSeconds", 180));
    PodTemplateSpec jm =
        rendered.one(Deployment.class, FULLNAME + "-jobmanager").getSpec().getTemplate();
    PodTemplateSpec tm =
        rendered.one(Deployment.class, FULLNAME + "-taskmanager").getSpec().getTemplate();
    PodTemplateSpec driver = rendered.driverJob(FULLNAME).getSpec().getTemplate();
    String service = rendered.one(Service.class, FULLNAME + "-jobmanager").getMetadata().getName();
    Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
    rendered.all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c));
    Dockerfile docker = Dockerfile.read(Repo.DOCKERFILE);
    Map<String, Path> image = RehearsalIT.imagePaths(docker, shared);
    // The program is the user's own, built into "their image": GatedKMeans joins the image's
    // application jars.
    Map<String, Path> driverImage = new LinkedHashMap<>(image);
    driverImage.put("/opt/taskbeam/app", appDir(image.get("/opt/taskbeam/app"), root));

    String jmPod = FULLNAME + "-jobmanager-0";
    List<String> tmPods = List.of(FULLNAME + "-taskmanager-0", FULLNAME + "-taskmanager-1");
    String joining = FULLNAME + "-taskmanager-2";
    String driverPod = FULLNAME + "-driver-0";
    List<Process> processes = new ArrayList<>();
    try (NetnsLab lab = NetnsLab.create(ip)) {
      Map<String, RehearsedPod> pods = new LinkedHashMap<>();
      pods.put(jmPod, pod(jm, jmPod, lab, root, image, docker, configMaps, shared));
      for (String name : List.of(tmPods.get(0), tmPods.get(1), joining)) {
        pods.put(name, pod(tm, name, lab, root, image, docker, configMaps, shared));
      }
      pods.put(
          driverPod, pod(driver, driverPod, lab, root, driverImage, docker, configMaps, shared));
      lab.writeHosts(Map.of(service, jmPod));
      Map<String, Process> running = new LinkedHashMap<>();
      for (RehearsedPod pod : pods.values()) {
        if (!pod.name.equals(joining)) {
          running.put(pod.name, pod.start(lab, logs.resolve(pod.name + ".log")));
        }
      }
      processes.addAll(running.values());
      Path driverLog = logs.resolve(driverPod + ".log");
      Path jmLog = logs.resolve(jmPod + ".log");

      // --- Scale up: one more TaskManager pod while the program waits after iteration 1. -----
      awaitLine(
          driverLog, "gated-kmeans: waiting for " + GatedKMeans.gate(gates, 1), running, logs);
      Process joined = pods.get(joining).start(lab, logs.resolve(joining + ".log"));
      processes.add(joined);
      running.put(joining, joined);
      awaitLine(jmLog, "Registering TaskManager with ResourceID " + joining, running, logs);
      Files.writeString(GatedKMeans.gate(Files.createDirectories(gates), 1), "");
      awaitLine(
          driverLog, "gated-kmeans: waiting for " + GatedKMeans.gate(gates, 3), running, logs);
      String afterJoin = RehearsalIT.read(driverLog);
      assertThat(
          afterJoin,
          containsString(
              "taskbeam: the cluster now has 3 usable task slots (was 2); next jobs run on 3"));
      assertThat(
          "the joined TaskManager ran tasks of iterations 2 and 3",
          RehearsalIT.read(logs.resolve(joining + ".log")),
          containsString("sending final execution state FINISHED"));

      // --- Scale down: the kubelet's way of stopping the pod. ----------------------------------
      RehearsedPod leaving = pods.get(joining);
      long start = System.nanoTime();
      long graceEnd = start + TimeUnit.SECONDS.toNanos(leaving.gracePeriodSeconds);
      Path hookLog = logs.resolve(joining + ".prestop.log");
      Process hook = leaving.startPreStop(lab, hookLog);
      processes.add(hook);
      assertTrue(
          hook.waitFor(leaving.gracePeriodSeconds, TimeUnit.SECONDS),
          "the preStop hook outlived the grace period" + RehearsalIT.tails(logs));
      assertEquals(0, hook.exitValue(), "the preStop hook failed" + RehearsalIT.tails(logs));
      assertThat(
          RehearsalIT.read(hookLog).strip(),
          matchesPattern(
              "taskbeam-pod: "
                  + joining
                  + " drained in \\d+\\.\\d s \\(1 driver\\(s\\) held their next job; no task was"
                  + " running on it\\); Kubernetes stops it now"));
      running.remove(joining);
      joined.destroy(); // SIGTERM
      long left = Math.max(0, graceEnd - System.nanoTime());
      boolean stopped = joined.waitFor(left, TimeUnit.NANOSECONDS);
      if (!stopped) {
        joined.destroyForcibly();
      }
      assertTrue(stopped, "the TaskManager needed SIGKILL after the grace period");
      Files.writeString(GatedKMeans.gate(gates, 3), "");

      // --- The program goes on with the two slots left and ends verified. ----------------------
      Process driverProcess = running.remove(driverPod);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
      while (driverProcess.isAlive() && System.nanoTime() < deadline) {
        running.forEach(
            (name, p) ->
                assertTrue(p.isAlive(), name + " ended before the driver" + tailsQuietly(logs)));
        driverProcess.waitFor(1, TimeUnit.SECONDS);
      }
      assertTrue(!driverProcess.isAlive(), "the driver did not end" + RehearsalIT.tails(logs));
      assertEquals(0, driverProcess.exitValue(), "the driver failed" + RehearsalIT.tails(logs));
      String out = RehearsalIT.read(driverLog);
      assertThat(out, containsString("iteration 6:"));
      assertThat(out, matchesPattern("(?s).*against a sequential Lloyd's run.*: OK.*"));
      assertThat(out, containsString("usable task slots (was 3); next jobs run on 2"));
      assertThat(out, not(containsString("lost a TaskManager")));
      String jmText = RehearsalIT.read(jmLog);
      assertThat("no task failed", jmText, not(containsString(" to FAILED")));
      assertThat("no job restarted", jmText, not(containsString("to RESTARTING")));
      assertThat(
          "the driver's registration went with its session",
          WorkerLeaving.drivers(shared.resolve("cluster")),
          empty());

      // --- Nothing left: the rest of the release stops (helm uninstall), every process ends. ---
      for (Process p : running.values()) {
        p.destroy();
      }
      for (Process p : running.values()) {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a pod did not stop on SIGTERM");
      }
      String marker = root.toString();
      assertThat(
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().orElse("").contains(marker))
              .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
              .toList(),
          empty());
    } finally {
      RehearsalIT.stopAll(processes);
    }
  }

  private static RehearsedPod pod(
      PodTemplateSpec template,
      String name,
      NetnsLab lab,
      Path root,
      Map<String, Path> image,
      Dockerfile docker,
      Map<String, ConfigMap> configMaps,
      Path shared)
      throws IOException {
    return RehearsedPod.of(
        template, name, lab.addPod(name), root, image, docker.env(), configMaps, shared, Map.of());
  }

  /** The image's application jars (links) plus a jar with {@link GatedKMeans}. */
  private static Path appDir(Path imageApp, Path root) throws Exception {
    Path dir = Files.createDirectories(root.resolve("app"));
    try (Stream<Path> jars = Files.list(imageApp)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.createSymbolicLink(dir.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    Path classes =
        Path.of(GatedKMeans.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(classes)) { // the pipelines module's test jar
      Files.createSymbolicLink(dir.resolve("gated-kmeans.jar"), classes.toAbsolutePath());
      return dir;
    }
    String pkg = GatedKMeans.class.getPackageName().replace('.', '/');
    try (JarOutputStream jar =
            new JarOutputStream(Files.newOutputStream(dir.resolve("gated-kmeans.jar")));
        Stream<Path> files = Files.list(classes.resolve(pkg))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("GatedKMeans")).toList()) {
        jar.putNextEntry(new JarEntry(pkg + "/" + file.getFileName()));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
    }
    return dir;
  }

  /** Waits until {@code log} holds {@code text}; fails when a running pod's process ended. */
  private static void awaitLine(Path log, String text, Map<String, Process> running, Path logs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
    while (!RehearsalIT.read(log).contains(text)) {
      for (Map.Entry<String, Process> p : running.entrySet()) {
        assertTrue(
            p.getValue().isAlive(),
            p.getKey() + " ended while waiting for '" + text + "'" + RehearsalIT.tails(logs));
      }
      assertTrue(
          System.nanoTime() < deadline,
          log.getFileName() + " did not get '" + text + "'" + RehearsalIT.tails(logs));
      Thread.sleep(200);
    }
  }

  private static String tailsQuietly(Path logs) {
    try {
      return RehearsalIT.tails(logs);
    } catch (IOException e) {
      return " (logs unreadable: " + e.getMessage() + ")";
    }
  }
}
